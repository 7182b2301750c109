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
import org.mmsim.api.physical.CpuCaches;
import org.mmsim.kalloc.KallocModule;
import org.mmsim.paging.PagingModule;
import org.mmsim.physical.CpuCachesModule;
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
        // Refused before anything is allocated: a machine near the heap's size would otherwise boot for tens of seconds,
        // the collector running ever more often, before it ran out.
        if (heapNeeded(config) > Runtime.getRuntime().maxMemory()) {
            throw tooLarge(config, null);
        }
        CoreModule core = core(config, registry);
        Module kernel = Modules.override(core, new PhysicalModule(), new PagingModule(),
                new KallocModule(), new ReclaimModule()).with(overrides);
        // Booting calls the policies' create(): under the watchdog, as every later call is.
        return PluginWatchdog.call(core.watch(), () -> {
            SimulatedMachine machine;
            try {
                machine = Guice.createInjector(Stage.PRODUCTION, kernel).getInstance(SimulatedMachine.class);
            } catch (CreationException e) {
                throw thrownInside(e.getErrorMessages(), e, config);
            } catch (ProvisionException e) {
                throw thrownInside(e.getErrorMessages(), e, config);
            }
            try {
                machine.startKernel();
            } catch (IllegalArgumentException e) {
                // The boot's allocations or init did not fit: the machine line asked for too little memory.
                throw new BadInputException(e.getMessage(), e);
            } catch (org.mmsim.api.KernelPanicException e) {
                // Out of memory before init, with nothing to kill: a real kernel panics there too.
                throw new BadInputException(String.format(java.util.Locale.ROOT, "ram %s: the boot ran out of "
                        + "memory (Kernel panic - not syncing: %s); expected more ram",
                        Sizes.format(config.ramBytes()), e.reason()), e);
            }
            return machine;
        });
    }

    /**
     * The CPU caches without a machine: the physical layer's {@link CpuCaches} binding alone, for what needs the cache
     * model and no memory to boot (a cache exercise).
     */
    public static CpuCaches cpuCaches() {
        return Guice.createInjector(Stage.PRODUCTION, new CpuCachesModule()).getInstance(CpuCaches.class);
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
     * The heap a machine of {@code config} needs, about: its frame table's 12 bytes a frame (three int arrays; a
     * machine of 1 TiB measures 12.02 bytes a frame in all, docs/PERFORMANCE.md) and what every machine has besides
     * (kernel threads, caches, indexes), over-counted rather than under.
     */
    static long heapNeeded(MachineConfig config) {
        return config.ramPages() * FRAME_BYTES + MACHINE_BYTES;
    }

    private static final long FRAME_BYTES = 12;
    private static final long MACHINE_BYTES = 16L << 20;

    /** The one line for a machine the heap cannot hold: the heap it needs, the heap there is, and how to give more. */
    private static BadInputException tooLarge(MachineConfig config, Throwable cause) {
        long needed = heapNeeded(config);
        // A quarter more than the machine itself, for the collector's room and what the command keeps besides.
        long gigabytes = (needed + needed / 4 + (1L << 30) - 1) >> 30;
        return new BadInputException(String.format(java.util.Locale.ROOT, "ram %s: this machine needs about %,d MiB of "
                + "heap and the JVM has %,d MiB; expected less ram, or more heap: MM_JAVA_OPTS=-Xmx%dg",
                Sizes.format(config.ramBytes()), needed >> 20, Runtime.getRuntime().maxMemory() >> 20, gigabytes), cause);
    }

    /**
     * What a layer threw while the injector built the machine, which Guice reports wrapped in its own exception
     * (naming its classes): the layer's exception itself, or, for a machine larger than the heap, a one-line error.
     */
    private static RuntimeException thrownInside(Collection<Message> messages, RuntimeException wrapper, MachineConfig config) {
        Throwable cause = messages.stream().map(Message::getCause).filter(Objects::nonNull).findFirst().orElse(wrapper);
        if (cause instanceof OutOfMemoryError) {
            return tooLarge(config, cause);
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        if (cause instanceof IllegalArgumentException) {
            // The boot found the configuration impossible (no room for what it must reserve): the user's input.
            return new BadInputException(cause.getMessage(), cause);
        }
        return cause instanceof RuntimeException ? (RuntimeException) cause : wrapper;
    }
}
