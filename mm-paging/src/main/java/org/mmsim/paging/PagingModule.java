package org.mmsim.paging;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.MachineEvents;
import org.mmsim.api.kernel.ProcessHooks;
import org.mmsim.api.kernel.BlockQueue;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.kalloc.Vmalloc;
import org.mmsim.api.kernel.KernelMappings;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.kernel.ReverseMap;
import org.mmsim.api.paging.TlbSpec;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;
import org.mmsim.paging.mm.PagingInit;
import org.mmsim.paging.mm.ProcessTable;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.mm.KernelTables;
import org.mmsim.paging.pagetable.PageTables;
import org.mmsim.paging.tlb.TlbConfig;

/**
 * The Guice module of the paging layer: address spaces, VMAs, page tables, the MMU and TLBs, and the fault handler
 * (mm/memory.c, mm/mmap.c, kernel/fork.c). It binds the machine's {@link Processes}; the implementations live in
 * unexported packages. The TLBs have the machine's {@link TlbSpec}: by default a Skylake core's, tagged with PCIDs as
 * Linux tags them.
 */
public final class PagingModule extends AbstractModule {
    /** The paging layer's bindings, for one machine's injector. */
    public PagingModule() {
    }

    @Override
    protected void configure() {
        bind(KernelTables.class).in(Singleton.class);
        bind(KernelMappings.class).to(KernelTables.class);
    }

    @Provides
    @Singleton
    Mmu mmu(MachineConfig config) {
        TlbSpec spec = config.tlb();
        TlbConfig d = TlbConfig.defaults();
        TlbConfig tlbs = new TlbConfig(new TlbConfig.Geometry(spec.dtlbEntries(), spec.dtlbWays()), d.l1Data2m(), d.l1Data1g(),
                new TlbConfig.Geometry(spec.itlbEntries(), spec.itlbWays()), d.l1Instruction2m(), d.l1Instruction1g(),
                new TlbConfig.Geometry(spec.stlbEntries(), spec.stlbWays()), d.l2Huge1g());
        return new Mmu(config.cpus(), tlbs, spec.pcid());
    }

    @Provides
    @Singleton
    PageTables pageTables(MachineConfig config, PageAllocator allocator, VmStat vmstat) {
        return new PageTables(config.pagingMode(), allocator, vmstat);
    }

    @Provides
    @Singleton
    ProcessTable processTable(MachineConfig config, PageAllocator allocator, PageFrames frames, PageCache pageCache,
                              PhysicalMemory memory, VmStat vmstat, SimClock clock, Mmu mmu, PageTables tables,
                              Vmalloc vmalloc, SlabAllocator slab, BlockQueue queue, MachineEvents events,
                              org.mmsim.api.kernel.HugetlbPages hugetlbPages,
                              org.mmsim.api.physical.HugetlbPools hugetlbPools,
                              org.mmsim.api.kernel.MemoryHooks hooks,
                              org.mmsim.api.physical.MemoryHierarchy memoryHierarchy) {
        return PagingInit.boot(config, allocator, frames, pageCache, memory, vmstat, clock, mmu, tables, vmalloc, slab, queue,
                events, hugetlbPages, hugetlbPools, hooks, memoryHierarchy);
    }

    @Provides
    Processes processes(ProcessTable table) {
        return table;
    }

    @Provides
    ReverseMap reverseMap(ProcessTable table) {
        return table.reverseMap();
    }

    @Provides
    ProcessHooks processHooks(ProcessTable table) {
        return table;
    }
}
