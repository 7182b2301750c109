package org.mmsim.tools.machine;

import com.google.inject.Guice;
import com.google.inject.Stage;
import org.mmsim.api.MachineConfig;
import org.mmsim.kalloc.KallocModule;
import org.mmsim.paging.PagingModule;
import org.mmsim.physical.PhysicalModule;
import org.mmsim.reclaim.ReclaimModule;
import org.mmsim.tools.input.BadInputException;
import org.mmsim.tools.plugin.PolicyRegistry;

/**
 * The composition root proper: the one place that knows every implementation module. It installs the core module
 * and each layer's Guice module in one injector per machine.
 */
public final class MachineAssembler {
    private MachineAssembler() {
    }

    /**
     * Boots a machine whose policies come from {@code registry}.
     *
     * @throws BadInputException if the configuration names a policy, parameter or value the registry does not have
     */
    public static SimulatedMachine boot(MachineConfig config, PolicyRegistry registry) {
        CoreModule core;
        try {
            core = new CoreModule(config, registry);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        return Guice.createInjector(Stage.PRODUCTION, core, new PhysicalModule(), new PagingModule(), new KallocModule(),
                new ReclaimModule()).getInstance(SimulatedMachine.class);
    }
}
