package org.mmsim.paging.mm;

import org.mmsim.api.MachineConfig;
import org.mmsim.api.MachineEvents;
import org.mmsim.api.ReplacementScope;
import org.mmsim.api.kernel.BlockQueue;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.kalloc.Vmalloc;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.pagetable.PageTables;

/**
 * Brings up the processes' side of the paging layer once memory, the page tables and the kernel's allocators are up
 * ({@code mm_core_init()} and {@code fork_init()} in init/main.c): the fault handler, overcommit accounting, local
 * replacement when configured, the deferred split's shrinker, and the process table, which starts init and the kernel threads with the first program.
 * Nothing here needs reclaim yet; reclaim registers itself later ({@link ProcessTable#registerReclaim}).
 */
public final class PagingInit {
    private PagingInit() {
    }

    /** {@code node_states[N_MEMORY]}: the nodes with memory the allocator manages. */
    private static long memoryNodes(PhysicalMemory memory) {
        long nodes = 0;
        for (org.mmsim.api.physical.ZoneInfo zone : memory.zones()) {
            if (zone.managed() > 0) {
                nodes |= 1L << zone.node();
            }
        }
        return nodes;
    }

    /** The process table of a machine, with what it is built from. */
    public static ProcessTable boot(MachineConfig config, PageAllocator allocator, PageFrames frames, PageCache pageCache,
                                    PhysicalMemory memory, VmStat vmstat, SimClock clock, Mmu mmu, PageTables tables,
                                    Vmalloc vmalloc, SlabAllocator slab, BlockQueue queue, MachineEvents events,
                                    org.mmsim.api.kernel.HugetlbPages hugetlbPages,
                                    org.mmsim.api.physical.HugetlbPools hugetlbPools,
                                    org.mmsim.api.kernel.MemoryHooks hooks,
                                    org.mmsim.api.physical.MemoryHierarchy memoryHierarchy) {
        ReclaimOps reclaim = new ReclaimOps();
        FaultHandler faults = new FaultHandler(new PolicyAlloc(allocator, config.nodes()), frames, pageCache, vmstat, mmu,
                config.thp(), config.pagingMode(), reclaim, hugetlbPages, hugetlbPools);
        // deferred_split_init()'s shrinker_register() (mm/huge_memory.c).
        hooks.registerShrinker(faults.huge().deferredSplit());
        OvercommitAccounting overcommit = new OvercommitAccounting(memory.totalRamPages(), reclaim::swapPages);
        LocalReplacement local = config.replacementScope() == ReplacementScope.LOCAL
                ? new LocalReplacement(reclaim, frames, mmu, memory.freePages()) : null;
        return new ProcessTable(tables, mmu, faults, pageCache, frames, clock, overcommit,
                new KernelStacks(vmalloc, vmstat, config.arch(), memory.totalRamPages()), slab, queue, reclaim, local,
                KernelThreads.atBoot(config), events, memoryHierarchy, memoryNodes(memory));
    }
}
