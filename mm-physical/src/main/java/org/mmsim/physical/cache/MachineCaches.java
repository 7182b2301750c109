package org.mmsim.physical.cache;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.CpuSpec;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.MemoryArch;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.api.physical.CacheLevelStats;
import org.mmsim.api.physical.MemoryHierarchy;
import org.mmsim.api.physical.PerfCounts;

/**
 * A machine's caches and memory: one {@link CpuCacheHierarchy} per CPU (private L1i, L1d and L2), one last-level
 * cache for each group of {@link CpuSpec#llcCpus()} CPUs of a node (a socket's L3, or a Zen core complex's), and the
 * CPUs kept coherent by snooping each other ({@link Coherence}, MESI). An access costs the latency of the level that
 * served it; memory costs {@link CpuSpec#dramNanos()} in cycles of the core's clock, times the SLIT distance over 10
 * for a frame on another node than the CPU's (the distance table's share of it, {@code node_distance()} / 10); a transfer from another CPU's
 * Modified copy costs what the owner's answer to the snoop takes, twice a last-level hit (the request goes to the L3's
 * snoop filter and the line comes back from the owning core), at least.
 */
final class MachineCaches implements MemoryHierarchy, Coherence {
    private static final int FIELDS = 8;
    private static final int CYCLES = 0;
    private static final int LOADS = 1;
    private static final int LOAD_MISSES = 2;
    private static final int STORES = 3;
    private static final int LLC_LOADS = 4;
    private static final int LLC_MISSES = 5;
    private static final int WALK_LOADS = 6;
    private static final int TRANSFERS = 7;

    private final CpuCacheHierarchy[] cpus;
    private final int[] groupOf;
    private final SetAssociativeCache[] llcs;
    // The cycles of a hit at each level, 1 to levels; memory's apart.
    private final int[] hitCycles;
    private final int levels;
    private final int localCycles;
    /** A DRAM load's cycles from a CPU of node {@code from} to memory of node {@code to}: {@code [from * nodes + to]}. */
    private final int[] dramCycles;
    private final int nodes;
    private final int transferCycles;
    private final int[] nodeOfCpu;
    // The first pfn past each node's memory, nodes in ascending order of their memory.
    private final long[] nodeEnds;
    private final boolean numa;
    private final int mhz;
    private final long[] counts;

    /**
     * @param nodeEnds for each node, the first pfn past its memory (nodes follow each other in physical memory)
     */
    MachineCaches(MachineConfig config, long[] nodeEnds) {
        CpuSpec cpu = config.cpu();
        int n = config.cpus();
        cpus = new CpuCacheHierarchy[n];
        groupOf = new int[n];
        nodeOfCpu = new int[n];
        List<SetAssociativeCache> groups = new ArrayList<>();
        int lastNode = -1;
        int inNode = 0;
        for (int c = 0; c < n; c++) {
            int node = MachineConfig.nodeOfCpu(c, n, config.nodes());
            nodeOfCpu[c] = node;
            inNode = node == lastNode ? inNode + 1 : 0;
            lastNode = node;
            if (inNode % cpu.llcCpus() == 0) {
                groups.add(new SetAssociativeCache(cpu.caches().llc()));
            }
            groupOf[c] = groups.size() - 1;
            cpus[c] = new CpuCacheHierarchy(cpu.caches(), groups.get(groupOf[c]), this);
        }
        llcs = groups.toArray(new SetAssociativeCache[0]);
        levels = cpus[0].levels();
        hitCycles = new int[levels + 1];
        hitCycles[1] = cpu.l1Cycles();
        if (levels == 3) {
            hitCycles[2] = cpu.l2Cycles();
        }
        hitCycles[levels] = cpu.llcCycles();
        localCycles = (int) ((long) cpu.dramNanos() * cpu.mhz() / 1000);
        nodes = config.nodes();
        dramCycles = new int[nodes * nodes];
        for (int from = 0; from < nodes; from++) {
            for (int to = 0; to < nodes; to++) {
                dramCycles[from * nodes + to] = localCycles * config.distance().distance(from, to)
                        / org.mmsim.api.NodeDistances.LOCAL;
            }
        }
        transferCycles = 2 * cpu.llcCycles();
        this.nodeEnds = nodeEnds.clone();
        numa = config.memory() == MemoryArch.NUMA && config.nodes() > 1;
        mhz = cpu.mhz();
        counts = new long[n * FIELDS];
    }

    @Override
    public int access(int cpu, int kind, long paddr, int size) {
        CpuCacheHierarchy h = hierarchy(cpu);
        int level = h.access(kind, paddr, size);
        int cycles = cost(cpu, h, level, paddr);
        int at = cpu * FIELDS;
        counts[at + CYCLES] += cycles;
        if (kind == CacheHierarchy.LOAD || kind == CacheHierarchy.MODIFY) {
            counts[at + LOADS]++;
            if (level > 1) {
                counts[at + LOAD_MISSES]++;
            }
            if (level >= levels) {
                counts[at + LLC_LOADS]++;
            }
            if (level > levels) {
                counts[at + LLC_MISSES]++;
            }
        } else if (kind == CacheHierarchy.STORE) {
            counts[at + STORES]++;
        }
        if (h.transferred()) {
            counts[at + TRANSFERS]++;
        }
        return cycles;
    }

    @Override
    public int walkLoad(int cpu, long paddr, int size) {
        CpuCacheHierarchy h = hierarchy(cpu);
        int cycles = cost(cpu, h, h.access(CacheHierarchy.LOAD, paddr, size), paddr);
        int at = cpu * FIELDS;
        counts[at + CYCLES] += cycles;
        counts[at + WALK_LOADS]++;
        if (h.transferred()) {
            counts[at + TRANSFERS]++;
        }
        return cycles;
    }

    private CpuCacheHierarchy hierarchy(int cpu) {
        if (cpu < 0 || cpu >= cpus.length) {
            throw new IllegalArgumentException("cpu " + cpu + "; expected 0 to " + (cpus.length - 1));
        }
        return cpus[cpu];
    }

    private int cost(int cpu, CpuCacheHierarchy h, int level, long paddr) {
        int cycles = level <= levels ? hitCycles[level]
                : numa ? dramCycles[nodeOfCpu[cpu] * nodes + nodeOf(paddr >>> 12)] : localCycles;
        return h.transferred() ? Math.max(cycles, transferCycles) : cycles;
    }

    private int nodeOf(long pfn) {
        int node = 0;
        while (node < nodeEnds.length - 1 && pfn >= nodeEnds[node]) {
            node++;
        }
        return node;
    }

    @Override
    public boolean invalidateOthers(CpuCacheHierarchy self, long line) {
        boolean modified = false;
        for (CpuCacheHierarchy other : cpus) {
            if (other != self) {
                modified |= other.invalidatePrivate(line);
            }
        }
        // Another group's last level may hold an older copy: it goes too, its data superseded by this write.
        SetAssociativeCache own = self.llc();
        for (SetAssociativeCache llc : llcs) {
            if (llc != own) {
                modified |= llc.invalidate(line);
            }
        }
        return modified;
    }

    @Override
    public boolean shareOthers(CpuCacheHierarchy self, long line) {
        boolean modified = false;
        for (CpuCacheHierarchy other : cpus) {
            if (other != self) {
                modified |= other.sharePrivate(line);
            }
        }
        return modified;
    }

    @Override
    public boolean backInvalidate(CpuCacheHierarchy self, long line) {
        SetAssociativeCache llc = self.llc();
        boolean dirty = false;
        for (CpuCacheHierarchy covered : cpus) {
            if (covered.llc() == llc) {
                dirty |= covered.invalidatePrivate(line);
            }
        }
        return dirty;
    }

    @Override
    public int mhz() {
        return mhz;
    }

    @Override
    public int cpus() {
        return cpus.length;
    }

    @Override
    public long cycles(int cpu) {
        hierarchy(cpu);
        return counts[cpu * FIELDS + CYCLES];
    }

    @Override
    public PerfCounts counts(int cpu) {
        hierarchy(cpu);
        int at = cpu * FIELDS;
        return new PerfCounts(counts[at + CYCLES], counts[at + LOADS], counts[at + LOAD_MISSES], counts[at + STORES],
                counts[at + LLC_LOADS], counts[at + LLC_MISSES], counts[at + WALK_LOADS], counts[at + TRANSFERS]);
    }

    @Override
    public List<CacheLevelStats> stats(int cpu) {
        return hierarchy(cpu).stats();
    }

    /** The CPUs' hierarchies, for tests. */
    CpuCacheHierarchy[] hierarchies() {
        return cpus.clone();
    }

    /** The last-level caches, one per group, for tests. */
    SetAssociativeCache[] llcs() {
        return llcs.clone();
    }

    /** The group, and so the last level, of a CPU. */
    int groupOf(int cpu) {
        return groupOf[cpu];
    }
}
