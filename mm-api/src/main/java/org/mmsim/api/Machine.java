package org.mmsim.api;

import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;
import org.mmsim.api.time.Timers;

/**
 * One simulated machine, booted from a {@link MachineConfig}: what {@code start_kernel()} leaves behind. Each layer
 * that lands adds its entry point here; a simulation is driven through this facade, from the {@code ./mm} tools or
 * from a program that embeds mmsim as a library.
 *
 * <p>A machine is not thread-safe: one simulation runs on one thread.
 */
public interface Machine {
    /** The configuration the machine booted with. */
    MachineConfig config();

    /** Simulated time. */
    SimClock clock();

    /** The timers that run kernel work in simulated time (kswapd, the flusher, the OOM reaper). */
    Timers timers();

    /** The {@code /proc/vmstat} counter set every layer adds to. */
    VmStat vmstat();

    /** Physical memory: nodes, zones and their tunables. */
    PhysicalMemory physicalMemory();

    /** The hugetlbfs pools: vm.nr_hugepages and the HugePages_* figures of each huge page size. */
    org.mmsim.api.physical.HugetlbPools hugetlb();

    /** The page allocator. */
    PageAllocator pageAllocator();

    /** The processes and their virtual memory. */
    org.mmsim.api.paging.Processes processes();

    /** vmalloc. */
    org.mmsim.api.kalloc.Vmalloc vmalloc();

    /** The per-CPU allocator's chunks (Percpu in /proc/meminfo). */
    org.mmsim.api.kalloc.Percpu percpu();

    /** Memory pressure stall information (/proc/pressure/memory). */
    org.mmsim.api.reclaim.Pressure pressure();

    /** Page reclaim: vm.swappiness, and reclaim on demand. */
    org.mmsim.api.reclaim.Reclaim reclaim();

    /** The slab allocator: kmem caches and kmalloc. */
    org.mmsim.api.kalloc.SlabAllocator slabAllocator();

    /** The file system calls through the page cache: read, write, fsync, sync, drop_caches. */
    org.mmsim.api.kalloc.Files files();

    /** Dirty-page writeback: the vm.dirty_* tunables, the thresholds, the flusher. */
    org.mmsim.api.kalloc.Writeback writeback();

    /** The kernel's message log, as dmesg reads it. */
    KernelLog kernelLog();

    /** The OOM killer: its sysctls and each task's badness. */
    org.mmsim.api.reclaim.OomKiller oomKiller();

    /** Swap: the areas, their slots and the swap cache (swapon, swapoff, /proc/swaps, vm.page-cluster). */
    org.mmsim.api.reclaim.Swap swap();

    /** The machine's /proc files, as text: {@code machine.proc().read("/proc/meminfo")}. */
    ProcFs proc();

    /** The tools' reports: {@code machine.views().free("-h")}, {@code vmstat}, {@code top}, {@code ps}, ... */
    Views views();

    /** Where to add a {@link MachineListener} that hears OOM kills and reclaim as they happen. */
    MachineEvents events();
}
