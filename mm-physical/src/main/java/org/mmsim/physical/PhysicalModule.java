package org.mmsim.physical;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFrames;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.physical.ReclaimHook;
import org.mmsim.api.stat.VmStat;
import org.mmsim.physical.init.MmInit;
import org.mmsim.physical.init.NoReclaim;
import org.mmsim.physical.init.PhysicalSystem;

/**
 * The Guice module of the physical layer: nodes, zones, the frame table and the buddy page allocator
 * (mm/page_alloc.c, mm/mm_init.c). It binds {@link PhysicalMemory} and {@link PageAllocator} of the machine, booted
 * from its {@link MachineConfig}, and a {@link ReclaimHook} that reclaims nothing unless the reclaim layer binds its
 * own.
 */
public final class PhysicalModule extends AbstractModule {
    /** The physical layer's bindings, for one machine's injector. */
    public PhysicalModule() {
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), ReclaimHook.class).setDefault().toInstance(new NoReclaim());
    }

    @Provides
    @Singleton
    PhysicalSystem physicalSystem(MachineConfig config, VmStat vmstat, ReclaimHook reclaim) {
        return MmInit.boot(config, vmstat, reclaim);
    }

    @Provides
    PhysicalMemory physicalMemory(PhysicalSystem system) {
        return system;
    }

    @Provides
    PageAllocator pageAllocator(PhysicalSystem system) {
        return system.allocator();
    }

    @Provides
    PageFrames pageFrames(PhysicalSystem system) {
        return system.pageFrames();
    }
}
