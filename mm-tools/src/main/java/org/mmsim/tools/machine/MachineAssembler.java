package org.mmsim.tools.machine;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import com.google.inject.util.Modules;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.mmsim.api.MachineConfig;
import org.mmsim.kalloc.KallocModule;
import org.mmsim.paging.PagingModule;
import org.mmsim.physical.PhysicalModule;
import org.mmsim.reclaim.ReclaimModule;
import org.mmsim.spi.BadInputException;
import org.mmsim.spi.watchdog.PluginWatchdog;
import org.mmsim.tools.units.Sizes;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * The composition root proper: the one place that knows every implementation module. It installs the core module
 * and each layer's Guice module in one injector per machine.
 */
public final class MachineAssembler {
    static {
        // Guice generates fast-class bytecode in an unnamed module, which cannot reach this module's unexported
        // packages; with generation off it uses reflection, which the module's `opens ... to com.google.guice` allows.
        if (System.getProperty("guice_bytecode_gen_option") == null) {
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
        }
    }

    private MachineAssembler() {
    }

    /**
     * Boots a machine whose policies come from {@code registry}.
     *
     * @throws BadInputException if the configuration names a policy, parameter or value the registry does not have
     */
    public static SimulatedMachine boot(MachineConfig config, PolicyRegistry registry) {
        return boot(config, registry, List.of());
    }

    /**
     * Boots a machine whose bindings {@code overrides} replace, as {@code Modules.override} does: a program swaps one
     * part of the kernel (the OOM killer's victim selection, say) by binding its contract to its own class.
     *
     * @throws BadInputException if the configuration names a policy, parameter or value the registry does not have,
     *     or the machine does not fit in the JVM's heap
     * @throws org.mmsim.spi.PluginFailureException if a policy fails while the machine boots
     */
    public static SimulatedMachine boot(MachineConfig config, PolicyRegistry registry, List<Module> overrides) {
        CoreModule core = core(config, registry);
        Module kernel = Modules.override(core, new PhysicalModule(), new PagingModule(),
                new KallocModule(), new ReclaimModule()).with(overrides);
        // Booting calls the policies' create(): under the watchdog, as every later call is.
        return PluginWatchdog.call(core.watch(), () -> {
            try {
                return Guice.createInjector(Stage.PRODUCTION, kernel).getInstance(SimulatedMachine.class);
            } catch (CreationException e) {
                throw thrownInside(e.getErrorMessages(), e, config);
            } catch (ProvisionException e) {
                throw thrownInside(e.getErrorMessages(), e, config);
            }
        });
    }

    /**
     * Checks what booting {@code config} checks before it builds anything: that its policies are in
     * {@code registry} and can run a machine.
     *
     * @throws BadInputException saying what is wrong
     */
    public static void check(MachineConfig config, PolicyRegistry registry) {
        core(config, registry);
    }

    private static CoreModule core(MachineConfig config, PolicyRegistry registry) {
        try {
            return new CoreModule(config, registry);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /**
     * What a layer threw while the injector built the machine, which Guice reports wrapped in its own exception
     * (naming its classes): the layer's exception itself, or, for a machine larger than the heap, a one-line error.
     */
    private static RuntimeException thrownInside(Collection<Message> messages, RuntimeException wrapper, MachineConfig config) {
        Throwable cause = messages.stream().map(Message::getCause).filter(Objects::nonNull).findFirst().orElse(wrapper);
        if (cause instanceof OutOfMemoryError) {
            return new BadInputException("ram " + Sizes.format(config.ramBytes()) + ": the simulated machine does not fit "
                    + "in the JVM's heap of " + Sizes.format(Runtime.getRuntime().maxMemory() >> 20 << 20)
                    + "; expected less ram, or more heap (MM_JAVA_OPTS=-Xmx...)", cause);
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return cause instanceof RuntimeException ? (RuntimeException) cause : wrapper;
    }
}
