package org.mmsim.physical;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kernel.MemoryHooks;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.stat.VmStat;
import org.mmsim.physical.init.MmInit;
import org.mmsim.physical.init.PhysicalSystem;

/**
 * The Guice module of the physical layer: nodes, zones, the frame table and the buddy page allocator
 * (mm/page_alloc.c, mm/mm_init.c). It binds {@link PhysicalMemory} and {@link PageAllocator} of the machine, booted
 * from its {@link MachineConfig} with nothing to reclaim: the reclaim layer registers its
 * {@link org.mmsim.api.kernel.ReclaimHook} once it is up ({@link MemoryHooks#registerReclaimHook}). And it binds the
 * hardware under the pages: {@link org.mmsim.api.physical.CpuCaches}, which builds cache hierarchies
 * ({@link CpuCachesModule}, installed here), and the machine's {@link org.mmsim.api.physical.MemoryHierarchy}: its
 * CPUs' caches and its memory.
 */
public final class PhysicalModule extends AbstractModule {
    /** The physical layer's bindings, for one machine's injector. */
    public PhysicalModule() {
    }

    @Override
    protected void configure() {
        install(new CpuCachesModule());
    }

    @Provides
    @Singleton
    PhysicalSystem physicalSystem(MachineConfig config, VmStat vmstat) {
        return MmInit.boot(config, vmstat);
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

    @Provides
    org.mmsim.api.physical.HugetlbPools hugetlbPools(PhysicalSystem system) {
        return system.hugetlb();
    }

    @Provides
    org.mmsim.api.kernel.HugetlbPages hugetlbPages(PhysicalSystem system) {
        return system.hugetlb();
    }

    @Provides
    @Singleton
    org.mmsim.api.physical.MemoryHierarchy memoryHierarchy(MachineConfig config, PhysicalSystem system) {
        return org.mmsim.physical.cache.CacheFactory.machine(config, system);
    }

    @Provides
    MemoryHooks memoryHooks(PhysicalSystem system) {
        return system;
    }
}
