package org.mmsim.tools.machine;

import com.google.inject.Inject;
import org.mmsim.api.Machine;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.watchdog.PluginWatch;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;
import org.mmsim.api.time.Timers;
import org.mmsim.trace.plugin.PolicyChoice;

/**
 * A machine as the composition root assembles it: the configuration, simulated time, the counters, the chosen
 * policies, and (through Guice) each layer's part.
 */
public final class SimulatedMachine implements Machine {
    private final MachineConfig config;
    private final EventLoop clock;
    private final VmStat vmstat;
    private final PolicyChoice<ReplacementPolicyProvider> replacementPolicy;
    private final PolicyChoice<OomPolicyProvider> oomPolicy;
    private final PhysicalMemory physicalMemory;
    private final org.mmsim.api.physical.HugetlbPools hugetlb;
    private final PageAllocator pageAllocator;
    private final org.mmsim.api.paging.Processes processes;
    private final org.mmsim.api.kernel.PageCache pageCache;
    private final org.mmsim.api.kalloc.Vmalloc vmalloc;
    private final org.mmsim.api.kalloc.Percpu percpu;
    private final org.mmsim.api.kernel.KernelMappings kernelMappings;
    private final org.mmsim.api.kernel.ReverseMap reverseMap;
    private final org.mmsim.api.kalloc.SlabAllocator slabAllocator;
    private final org.mmsim.api.reclaim.Reclaim reclaim;
    private final org.mmsim.api.reclaim.Pressure pressure;
    private final org.mmsim.api.kernel.Lru lru;
    private final org.mmsim.api.kalloc.Files files;
    private final org.mmsim.api.kalloc.Writeback writeback;
    private final PrintkBuffer kernelLog;
    private final org.mmsim.api.reclaim.OomKiller oomKiller;
    private final org.mmsim.api.reclaim.Swap swap;
    private final org.mmsim.api.kernel.SwapCache swapCache;
    private final org.mmsim.api.kernel.BlockQueue blockQueue;
    private final org.mmsim.api.kernel.PageFrames pageFrames;
    private final CpuTimes cpuTimes;
    private final org.mmsim.api.MachineEvents events;
    private final PluginWatch watch;
    private final org.mmsim.api.kernel.MemoryHooks memoryHooks;
    private final org.mmsim.api.physical.CpuCaches cpuCaches;
    private final org.mmsim.api.physical.MemoryHierarchy memoryHierarchy;
    private Tools tools;

    /** The plugin watchdog's watch over the machine's policies: what runs the machine runs under it. */
    public PluginWatch watch() {
        return watch;
    }

    private final org.mmsim.api.kernel.BootAllocations boot;
    private final org.mmsim.api.kernel.ProcessHooks processHooks;

    @Inject
    SimulatedMachine(MachineConfig config, EventLoop clock, VmStat vmstat,
                     PolicyChoice<ReplacementPolicyProvider> replacementPolicy, PolicyChoice<OomPolicyProvider> oomPolicy,
                     PhysicalMemory physicalMemory, PageAllocator pageAllocator, org.mmsim.api.paging.Processes processes,
                     org.mmsim.api.kernel.PageCache pageCache, org.mmsim.api.kalloc.Vmalloc vmalloc,
                     org.mmsim.api.kalloc.Percpu percpu,
                     org.mmsim.api.kernel.KernelMappings kernelMappings, org.mmsim.api.kernel.ReverseMap reverseMap,
                     org.mmsim.api.kalloc.SlabAllocator slabAllocator, org.mmsim.api.kalloc.Files files,
                     org.mmsim.api.kalloc.Writeback writeback, org.mmsim.api.reclaim.Reclaim reclaim,
                     org.mmsim.api.reclaim.Pressure pressure, org.mmsim.api.kernel.Lru lru, PrintkBuffer kernelLog,
                     org.mmsim.api.reclaim.OomKiller oomKiller, org.mmsim.api.reclaim.Swap swap,
                     org.mmsim.api.kernel.SwapCache swapCache, org.mmsim.api.kernel.PageFrames pageFrames, org.mmsim.api.MachineEvents events,
                     org.mmsim.api.kernel.MemoryHooks memoryHooks, PluginWatch watch,
                     org.mmsim.api.physical.HugetlbPools hugetlb, org.mmsim.api.kernel.BlockQueue blockQueue,
                     org.mmsim.api.physical.CpuCaches cpuCaches,
                     org.mmsim.api.physical.MemoryHierarchy memoryHierarchy,
                     org.mmsim.api.kernel.BootAllocations boot, org.mmsim.api.kernel.ProcessHooks processHooks) {
        this.cpuCaches = cpuCaches;
        this.memoryHierarchy = memoryHierarchy;
        this.hugetlb = hugetlb;
        this.blockQueue = blockQueue;
        this.events = events;
        this.watch = watch;
        this.memoryHooks = memoryHooks;
        this.pressure = pressure;
        this.lru = lru;
        this.reclaim = reclaim;
        this.kernelLog = kernelLog;
        this.oomKiller = oomKiller;
        this.reverseMap = reverseMap;
        this.vmalloc = vmalloc;
        this.percpu = percpu;
        this.kernelMappings = kernelMappings;
        this.config = config;
        this.clock = clock;
        this.vmstat = vmstat;
        this.replacementPolicy = replacementPolicy;
        this.oomPolicy = oomPolicy;
        this.physicalMemory = physicalMemory;
        this.pageAllocator = pageAllocator;
        this.processes = processes;
        this.pageCache = pageCache;
        this.slabAllocator = slabAllocator;
        this.files = files;
        this.writeback = writeback;
        this.swap = swap;
        this.swapCache = swapCache;
        this.pageFrames = pageFrames;
        this.cpuTimes = new CpuTimes(clock, config.cpus());
        this.boot = boot;
        this.processHooks = processHooks;
    }

    /**
     * The end of {@code start_kernel()} and its initcalls, once every layer is up: the boot's allocations, then
     * {@code rest_init()}'s init and kernel threads.
     *
     * @throws IllegalArgumentException if the boot does not fit in the machine's memory
     */
    void startKernel() {
        boot.allocate();
        processHooks.startInit();
    }

    /** Where each CPU's time went, as /proc/stat shows it. */
    public CpuTimes cpuTimes() {
        return cpuTimes;
    }

    @Override
    public org.mmsim.api.paging.Processes processes() {
        return processes;
    }

    /** The page cache's fault side (the layers'). */
    public org.mmsim.api.kernel.PageCache pageCache() {
        return pageCache;
    }

    @Override
    public org.mmsim.api.kalloc.Vmalloc vmalloc() {
        return vmalloc;
    }

    @Override
    public org.mmsim.api.kalloc.Percpu percpu() {
        return percpu;
    }

    /** Reverse mapping: from a frame to the entries that map it. */
    public org.mmsim.api.kernel.ReverseMap reverseMap() {
        return reverseMap;
    }

    /** The kernel's page tables ({@code init_mm}). */
    public org.mmsim.api.kernel.KernelMappings kernelMappings() {
        return kernelMappings;
    }

    /** The LRU lists. */
    public org.mmsim.api.kernel.Lru lru() {
        return lru;
    }

    @Override
    public org.mmsim.api.reclaim.Pressure pressure() {
        return pressure;
    }

    @Override
    public org.mmsim.api.reclaim.Reclaim reclaim() {
        return reclaim;
    }

    @Override
    public org.mmsim.api.kalloc.SlabAllocator slabAllocator() {
        return slabAllocator;
    }

    @Override
    public org.mmsim.api.kalloc.Files files() {
        return files;
    }

    @Override
    public org.mmsim.api.kalloc.Writeback writeback() {
        return writeback;
    }

    @Override
    public PrintkBuffer kernelLog() {
        return kernelLog;
    }

    @Override
    public org.mmsim.api.reclaim.OomKiller oomKiller() {
        return oomKiller;
    }

    @Override
    public org.mmsim.api.reclaim.Swap swap() {
        return swap;
    }

    /** The swap cache and the slots' reference counts (the layers'): swap as reclaim and the fault paths use it. */
    public org.mmsim.api.kernel.SwapCache swapCache() {
        return swapCache;
    }

    /** The disk's request queue (the layers'): where swap and the page cache wait for the disk. */
    public org.mmsim.api.kernel.BlockQueue blockQueue() {
        return blockQueue;
    }

    /** The frames' shared state (flags, references, content tokens): what tests of a layer's contract look at. */
    public org.mmsim.api.kernel.PageFrames pageFrames() {
        return pageFrames;
    }

    @Override
    public PhysicalMemory physicalMemory() {
        return physicalMemory;
    }

    @Override
    public org.mmsim.api.physical.HugetlbPools hugetlb() {
        return hugetlb;
    }

    /** The physical layer's factory of CPU cache hierarchies (one a CPU, held by whoever models that CPU's accesses). */
    public org.mmsim.api.physical.CpuCaches cpuCaches() {
        return cpuCaches;
    }

    /** The machine's CPU caches and memory, which every access of a process goes through. */
    public org.mmsim.api.physical.MemoryHierarchy memoryHierarchy() {
        return memoryHierarchy;
    }

    @Override
    public PageAllocator pageAllocator() {
        return pageAllocator;
    }

    @Override
    public MachineConfig config() {
        return config;
    }

    @Override
    public SimClock clock() {
        return clock;
    }

    @Override
    public Timers timers() {
        return clock;
    }

    @Override
    public VmStat vmstat() {
        return vmstat;
    }

    /** Lets simulated time pass, running the kernel work that falls due. */
    public void advance(long nanos) {
        clock.advance(nanos);
    }

    /** The replacement policy reclaim uses. */
    public PolicyChoice<ReplacementPolicyProvider> replacementPolicy() {
        return replacementPolicy;
    }

    /** The policy the OOM killer uses. */
    public PolicyChoice<OomPolicyProvider> oomPolicy() {
        return oomPolicy;
    }

    /** Where the layers, and scenarios that act as their pages' owners, register with the physical layer. */
    public org.mmsim.api.kernel.MemoryHooks memoryHooks() {
        return memoryHooks;
    }

    @Override
    public org.mmsim.api.MachineEvents events() {
        return events;
    }

    @Override
    public org.mmsim.api.ProcFs proc() {
        return tools().proc;
    }

    @Override
    public org.mmsim.api.Views views() {
        return tools().views;
    }

    /**
     * Gives the machine its /proc files and tools' reports, which the scenario layer renders: the machine package
     * cannot name them (the scenario layer depends on it), so they are attached once, right after boot.
     *
     * @throws IllegalStateException if they were attached already
     */
    public void attachTools(org.mmsim.api.ProcFs proc, org.mmsim.api.Views views) {
        if (tools != null) {
            throw new IllegalStateException("the machine's tools are attached already");
        }
        tools = new Tools(proc, views);
    }

    private Tools tools() {
        if (tools == null) {
            throw new IllegalStateException("a machine assembled without its tools; boot it with Mmsim.boot");
        }
        return tools;
    }

    /** The rendering side of the machine, attached after boot. */
    private record Tools(org.mmsim.api.ProcFs proc, org.mmsim.api.Views views) {
    }
}
