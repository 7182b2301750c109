package org.mmsim.api;

import java.util.Objects;
import java.util.Optional;
import org.mmsim.api.paging.PagingMode;
import org.mmsim.api.paging.TlbSpec;

/**
 * What a simulated machine is made of: what a real one learns from its firmware and kernel command line at boot.
 *
 * <p>The defaults ({@link #defaults()}) need no configuration: an x86-64 box with 4 GiB of RAM in one NUMA node
 * (zones DMA, DMA32 and Normal), 4 KiB pages, 4-level page tables, 2 CPUs, 1 GiB of swap, no ZONE_MOVABLE,
 * transparent hugepages in madvise mode, a Skylake core's TLBs with PCIDs, the {@code linux}
 * replacement and OOM policies with global replacement, a virtio disk ({@link DiskSpec#defaults()}), and seed 1. Every value is checked here, so a machine is never built from a
 * configuration that Linux could not boot.
 *
 * @param arch the architecture, which decides zones and page-table formats
 * @param ramBytes installed RAM in bytes, a whole number of pages
 * @param nodes NUMA nodes the RAM is split between (1 is UMA)
 * @param cpus CPUs, each with its own TLBs and per-CPU page lists
 * @param pagingLevels page-table depth, one the architecture supports
 * @param swapBytes swap space in bytes, a whole number of pages (0 for none)
 * @param movableCoreBytes memory set aside as ZONE_MOVABLE ({@code movablecore=}), spread over the nodes (0 for none)
 * @param thp the transparent-hugepage mode
 * @param replacementPolicy the page-replacement policy spec, such as {@code linux} or {@code clock-pro:hot-ratio=0.5}
 * @param oomPolicy the OOM policy spec, such as {@code linux}
 * @param seed the seed of every random choice the machine makes, so a run is reproducible
 * @param tlb the TLBs of each CPU
 * @param slubDebug the {@code slub_debug=} boot option: debug letters (F, Z, P, U, T, A), optionally followed by
 *     {@code ,CACHE} names it is limited to; empty for none
 * @param replacementScope global replacement (Linux's default) or local, each process within its share
 * @param disk the disk's bandwidth and per-request latency (files and swap files are on it)
 * @param swapDisk a second disk, {@code /dev/vdb}, for swap partitions on it ({@code swapon /dev/vdb}), with a
 *     request queue of its own; empty for none
 * @param cpu the processor: each CPU's caches, its clock and the latencies of the memory hierarchy
 * @param memory one northbridge for all of RAM ({@link MemoryArch#UMA}, one node only) or a controller per node
 * @param distance the NUMA distance table, a row per node
 */
public record MachineConfig(Arch arch, long ramBytes, int nodes, int cpus, int pagingLevels, long swapBytes,
                            long movableCoreBytes, Thp thp, String replacementPolicy, String oomPolicy, long seed,
                            TlbSpec tlb, String slubDebug, ReplacementScope replacementScope, DiskSpec disk,
                            Optional<DiskSpec> swapDisk, CpuSpec cpu, MemoryArch memory, NodeDistances distance) {

    /** The base page size, {@code PAGE_SIZE} on x86. */
    public static final int PAGE_SIZE = 4096;
    /** log2 of {@link #PAGE_SIZE}, {@code PAGE_SHIFT}. */
    public static final int PAGE_SHIFT = 12;
    /** The smallest RAM accepted: room for ZONE_DMA and a kernel. */
    public static final long MIN_RAM = 16L << 20;
    /** The largest RAM accepted: frame numbers stay below 2^31, so per-frame arrays can be indexed by int. */
    public static final long MAX_RAM = 4L << 40;
    /** The most CPUs and NUMA nodes accepted. */
    public static final int MAX_CPUS = 1024;
    /** The smallest swap area, in bytes: 10 pages, as mkswap requires. */
    public static final long MIN_SWAP = 10L * PAGE_SIZE;
    /** The largest swap area mmsim takes, in bytes (as much as the most RAM). */
    public static final long MAX_SWAP = 4L << 40;
    /** The most NUMA nodes accepted ({@code MAX_NUMNODES} with NODES_SHIFT 6). */
    public static final int MAX_NODES = 64;

    /** Checks every value; a message names the value and says what was expected. */
    public MachineConfig {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(replacementPolicy, "replacementPolicy");
        Objects.requireNonNull(oomPolicy, "oomPolicy");
        Objects.requireNonNull(thp, "thp");
        Objects.requireNonNull(tlb, "tlb");
        Objects.requireNonNull(slubDebug, "slubDebug");
        Objects.requireNonNull(replacementScope, "replacementScope");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(swapDisk, "swapDisk");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(distance, "distance");
        if (ramBytes < MIN_RAM || ramBytes > MAX_RAM || ramBytes % PAGE_SIZE != 0) {
            throw new IllegalArgumentException("ram " + ramBytes + " bytes; expected a whole number of 4 KiB pages from 16M to 4T");
        }
        if (arch == Arch.I386 && ramBytes > (pagingLevels == 3 ? 64L << 30 : 4L << 30)) {
            throw new IllegalArgumentException("ram " + ramBytes + " bytes on i386; expected at most 4G, or 64G with 3-level (PAE) paging");
        }
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new IllegalArgumentException("nodes " + nodes + "; expected 1 to " + MAX_NODES);
        }
        if (ramBytes / nodes < MIN_RAM) {
            throw new IllegalArgumentException("nodes " + nodes + " for " + ramBytes + " bytes of ram; expected at least 16M per node");
        }
        if (cpus < 1 || cpus > MAX_CPUS) {
            throw new IllegalArgumentException("cpus " + cpus + "; expected 1 to " + MAX_CPUS);
        }
        if (!arch.supportsPagingLevels(pagingLevels)) {
            throw new IllegalArgumentException("levels " + pagingLevels + " on " + arch.unameName() + "; expected "
                    + (arch == Arch.X86_64 ? "4 or 5" : "2 or 3"));
        }
        if (swapBytes < 0 || swapBytes % PAGE_SIZE != 0) {
            throw new IllegalArgumentException("swap " + swapBytes + " bytes; expected 0 or a whole number of 4 KiB pages");
        }
        if (swapBytes > 0 && (swapBytes < MIN_SWAP || swapBytes > MAX_SWAP)) {
            // mkswap's MIN_GOODPAGES: a smaller area has no room for a page beside its header.
            throw new IllegalArgumentException("swap " + swapBytes + " bytes; expected 0 or 40K (10 pages) to 4T");
        }
        if (movableCoreBytes < 0 || movableCoreBytes % PAGE_SIZE != 0 || movableCoreBytes > ramBytes / 2) {
            throw new IllegalArgumentException("movablecore " + movableCoreBytes + " bytes; expected 0 or a whole number of "
                    + "4 KiB pages up to half the ram");
        }
        if (replacementPolicy.isBlank() || oomPolicy.isBlank()) {
            throw new IllegalArgumentException("an empty policy name; expected a name such as linux");
        }
        checkSlubDebug(slubDebug);
        if (distance.nodes() != nodes) {
            throw new IllegalArgumentException("distance has rows for " + distance.nodes() + " nodes and the machine "
                    + nodes + "; expected a row for each node");
        }
        if (memory == MemoryArch.UMA && nodes > 1) {
            throw new IllegalArgumentException("memory uma with nodes " + nodes + "; expected nodes=1, or memory=numa");
        }
    }

    /** {@code slub_debug=LETTERS[,CACHE...]} (Documentation/mm/slub.rst), or empty. */
    private static void checkSlubDebug(String value) {
        if (value.isEmpty()) {
            return;
        }
        String[] parts = value.split(",", -1);
        org.mmsim.api.kalloc.SlabFlags.debugFlags(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                throw new IllegalArgumentException("slub_debug '" + value + "' has an empty cache name; expected "
                        + "LETTERS[,CACHE...] such as FZPU or FZ,kmalloc-128");
            }
        }
    }

    /** The node a CPU belongs to: the CPUs are spread over the nodes in equal runs, the last node taking the rest. */
    public static int nodeOfCpu(int cpu, int cpus, int nodes) {
        int perNode = Math.max(1, cpus / nodes);
        return Math.min(nodes - 1, cpu / perNode);
    }

    /** The machine a user gets without configuring anything. */
    public static MachineConfig defaults() {
        return new MachineConfig(Arch.X86_64, 4L << 30, 1, 2, 4, 1L << 30, 0, Thp.MADVISE, "linux", "linux", 1,
                TlbSpec.defaults(), "", ReplacementScope.GLOBAL, DiskSpec.defaults(), Optional.empty(), CpuSpec.defaults(),
                MemoryArch.UMA, NodeDistances.uniform(1));
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The page-table format the architecture and level count select. It lives here, not in {@link PagingMode}, so
     * that the paging contract does not depend back on the machine's package.
     */
    public PagingMode pagingMode() {
        if (arch == Arch.X86_64) {
            return pagingLevels == 5 ? PagingMode.X86_64_5LEVEL : PagingMode.X86_64_4LEVEL;
        }
        return pagingLevels == 3 ? PagingMode.I386_PAE : PagingMode.I386_2LEVEL;
    }

    /** Installed RAM in pages. */
    public long ramPages() {
        return ramBytes / PAGE_SIZE;
    }

    /** Swap space in pages. */
    public long swapPages() {
        return swapBytes / PAGE_SIZE;
    }

    /** Builds a {@link MachineConfig} one value at a time; {@link #build()} checks them all. */
    public static final class Builder {
        private Arch arch;
        private long ramBytes;
        private int nodes;
        private int cpus;
        private int pagingLevels;
        private long swapBytes;
        private long movableCoreBytes;
        private Thp thp;
        private String replacementPolicy;
        private String oomPolicy;
        private long seed;
        private TlbSpec tlb;
        private String slubDebug;
        private ReplacementScope replacementScope;
        private DiskSpec disk;
        private Optional<DiskSpec> swapDisk;
        private CpuSpec cpu;
        /** Null until set: then the nodes decide (one is UMA, more NUMA). */
        private MemoryArch memory;
        /** Null until set: then 10 local, 21 remote. */
        private NodeDistances distance;
        /** The {@code distance=} value, parsed when the nodes are known. */
        private String distanceText;

        private Builder(MachineConfig from) {
            arch = from.arch;
            ramBytes = from.ramBytes;
            nodes = from.nodes;
            cpus = from.cpus;
            pagingLevels = from.pagingLevels;
            swapBytes = from.swapBytes;
            movableCoreBytes = from.movableCoreBytes;
            thp = from.thp;
            replacementPolicy = from.replacementPolicy;
            oomPolicy = from.oomPolicy;
            seed = from.seed;
            tlb = from.tlb;
            slubDebug = from.slubDebug;
            replacementScope = from.replacementScope;
            disk = from.disk;
            swapDisk = from.swapDisk;
            cpu = from.cpu;
            memory = from.memory == MemoryArch.UMA && from.nodes == 1 ? null : from.memory;
            distance = from.distance.equals(NodeDistances.uniform(from.nodes)) ? null : from.distance;
        }

        /** Sets the architecture and, unless set after this, its default page-table depth. */
        public Builder arch(Arch value) {
            arch = Objects.requireNonNull(value, "arch");
            pagingLevels = value.defaultPagingLevels();
            return this;
        }

        public Builder ramBytes(long value) {
            ramBytes = value;
            return this;
        }

        public Builder nodes(int value) {
            nodes = value;
            return this;
        }

        public Builder cpus(int value) {
            cpus = value;
            return this;
        }

        public Builder pagingLevels(int value) {
            pagingLevels = value;
            return this;
        }

        public Builder swapBytes(long value) {
            swapBytes = value;
            return this;
        }

        public Builder movableCoreBytes(long value) {
            movableCoreBytes = value;
            return this;
        }

        public Builder thp(Thp value) {
            thp = value;
            return this;
        }

        public Builder replacementPolicy(String spec) {
            replacementPolicy = spec;
            return this;
        }

        public Builder oomPolicy(String spec) {
            oomPolicy = spec;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder tlb(TlbSpec value) {
            tlb = value;
            return this;
        }

        /** Sets {@code slub_debug=} (empty for none). */
        public Builder slubDebug(String value) {
            slubDebug = value;
            return this;
        }

        public Builder replacementScope(ReplacementScope value) {
            replacementScope = value;
            return this;
        }

        /** The processor. */
        public Builder cpu(CpuSpec value) {
            cpu = Objects.requireNonNull(value, "cpu");
            return this;
        }

        /** The processor so far, for changing one of its caches or latencies alone. */
        public CpuSpec cpu() {
            return cpu;
        }

        /**
         * The distance table as a {@code distance=} value gives it (a preset or rows), read when the machine is built,
         * so that it may come before or after {@code nodes}.
         */
        public Builder distance(String value) {
            distanceText = Objects.requireNonNull(value, "distance");
            distance = null;
            return this;
        }

        /** The distance table. */
        public Builder distance(NodeDistances value) {
            distance = Objects.requireNonNull(value, "distance");
            distanceText = null;
            return this;
        }

        /** The memory architecture; unless set, one node is UMA and more NUMA. */
        public Builder memory(MemoryArch value) {
            memory = Objects.requireNonNull(value, "memory");
            return this;
        }

        public Builder disk(DiskSpec value) {
            disk = value;
            return this;
        }

        /** A second disk, {@code /dev/vdb}, for swap partitions. */
        public Builder swapDisk(DiskSpec value) {
            swapDisk = Optional.of(value);
            return this;
        }

        /** The disk so far, for changing its bandwidth or latency alone. */
        public DiskSpec disk() {
            return disk;
        }

        /** The TLB settings so far, for changing one of them. */
        public TlbSpec tlb() {
            return tlb;
        }

        /**
         * Checks and returns the configuration.
         *
         * @throws IllegalArgumentException naming the first value out of range
         */
        public MachineConfig build() {
            return new MachineConfig(arch, ramBytes, nodes, cpus, pagingLevels, swapBytes, movableCoreBytes, thp,
                    replacementPolicy, oomPolicy, seed, tlb, slubDebug, replacementScope, disk, swapDisk,
                    cpu, memory != null ? memory : nodes == 1 ? MemoryArch.UMA : MemoryArch.NUMA,
                    distanceText != null ? NodeDistances.parse(distanceText, nodes)
                            : distance != null ? distance : NodeDistances.uniform(nodes));
        }
    }
}
