package org.mmsim.tools.machine;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import java.util.List;
import com.google.inject.Stage;
import org.mmsim.api.MachineConfig;
import org.mmsim.kalloc.KallocModule;
import org.mmsim.paging.PagingModule;
import org.mmsim.physical.PhysicalModule;
import org.mmsim.reclaim.ReclaimModule;
import org.mmsim.spi.BadInputException;
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
     * @throws BadInputException if the configuration names a policy, parameter or value the registry does not have
     */
    public static SimulatedMachine boot(MachineConfig config, PolicyRegistry registry, List<Module> overrides) {
        CoreModule core;
        try {
            core = new CoreModule(config, registry);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        Module kernel = Modules.override(core, new PhysicalModule(), new PagingModule(), new KallocModule(),
                new ReclaimModule()).with(overrides);
        return Guice.createInjector(Stage.PRODUCTION, kernel).getInstance(SimulatedMachine.class);
    }
}
