package org.mmsim.tools;

import com.google.inject.Module;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mmsim.api.Machine;
import org.mmsim.api.MachineConfig;
import org.mmsim.spi.BadInputException;
import org.mmsim.tools.scenario.MachineTools;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * mmsim as a library: boots a simulated machine from a {@link MachineConfig}, composing every layer's Guice module.
 *
 * <pre>{@code
 * Machine machine = Mmsim.boot(MachineConfig.builder().ramBytes(8L << 30).swapBytes(0).build());
 * }</pre>
 *
 * <p>A machine is not thread-safe; run one per thread.
 */
public final class Mmsim {
    private Mmsim() {
    }

    /**
     * Boots a machine with the built-in policies.
     *
     * @throws BadInputException if the configuration names a policy that does not exist
     * @throws IllegalArgumentException if {@code config} is null
     */
    public static Machine boot(MachineConfig config) {
        return MachineTools.boot(given(config, "the configuration"), PolicyRegistry.load(Optional.empty()));
    }

    /**
     * Boots a machine with parts of its kernel replaced: each override module's bindings take the place of the
     * layers' own, as Guice's {@code Modules.override(kernel).with(overrides)} does. Bind a contract of
     * {@code org.mmsim.api} to your class (README: "Replacing a part of the kernel").
     *
     * <pre>{@code
     * Machine machine = Mmsim.boot(config, binder -> binder.bind(OomVictimSelector.class).to(KillTheYoungest.class));
     * }</pre>
     *
     * @throws BadInputException if the configuration names a policy that does not exist
     * @throws IllegalArgumentException if {@code config}, {@code overrides} or one of them is null
     */
    public static Machine boot(MachineConfig config, Module... overrides) {
        for (Module module : given(overrides, "the overrides")) {
            given(module, "an override module");
        }
        return MachineTools.boot(given(config, "the configuration"), PolicyRegistry.load(Optional.empty()),
                List.of(overrides));
    }

    /**
     * Boots a machine whose policies may also come from the plugin jars in {@code pluginPath}.
     *
     * @throws BadInputException if a plugin cannot be loaded or the configuration names a policy that does not exist
     * @throws IllegalArgumentException if {@code config} or {@code pluginPath} is null
     */
    public static Machine boot(MachineConfig config, Path pluginPath) {
        given(config, "the configuration");
        return MachineTools.boot(config, PolicyRegistry.load(Optional.of(given(pluginPath, "the plugin path"))));
    }

    /** A machine is booted from what its caller gives, checked before anything is built. */
    private static <T> T given(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("boot: " + what + " is null");
        }
        return value;
    }
}
