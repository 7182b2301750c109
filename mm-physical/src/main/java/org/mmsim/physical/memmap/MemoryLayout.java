package org.mmsim.physical.memmap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mmsim.api.Arch;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.PageOrder;
import org.mmsim.api.physical.ZoneType;

/**
 * The physical memory map a Linux kernel finds at boot on a PC, and how it cuts it into nodes and zones:
 * the firmware's e820 map, memblock's reservations, and {@code free_area_init()}'s zones.
 *
 * <p>The e820 map follows a typical PC: the first page is the BIOS's, 0x9f000–0x100000 is the legacy VGA/BIOS hole,
 * RAM runs from 1 MiB up to 3 GiB, 3–4 GiB is the PCI hole, and RAM beyond 3 GiB is remapped above 4 GiB. So a
 * machine has 98 frames fewer present than its RAM.
 *
 * <p>Reservations lower managed below present: the first 1 MiB (x86 reserves it all since Linux 5.13, so ZONE_DMA
 * manages 158 frames fewer than it has), the kernel image at 16 MiB (32 MiB, as a distribution kernel's text, data
 * and bss take), each node's memmap of 64-byte {@code struct page}s, which memblock allocates top-down at the
 * end of the node's memory, and below it the per-CPU areas' first chunk ({@link PercpuFirstChunk}).
 *
 * <p>Zones: x86-64 has DMA below 16 MiB, DMA32 below 4 GiB, Normal above; i386 has DMA below 16 MiB, Normal below
 * 896 MiB and HighMem above. Nodes split the RAM evenly, in 2 MiB steps, lowest addresses in node 0. With
 * {@code movablecore=} each node gives an equal share of the top of its highest zone to ZONE_MOVABLE, starting on a
 * MAX_PAGE_ORDER boundary ({@code find_zone_movable_pfns_for_nodes()}). Every zone, populated or not, is listed in
 * the kernel's order: x86-64 DMA, DMA32, Normal, Movable, Device; i386 DMA, Normal, HighMem, Movable, Device.
 */
public final class MemoryLayout {
    static final long PAGE_SHIFT = 12;
    private static final long MIB = 1L << (20 - PAGE_SHIFT);
    private static final long GIB = 1L << (30 - PAGE_SHIFT);
    /** 0x9f000: the end of the low RAM below the legacy hole. */
    private static final long LOW_RAM_END = 0x9f;
    /** 3 GiB: where the PCI hole starts. */
    private static final long PCI_HOLE = 3 * GIB;
    private static final long KERNEL_START = 16 * MIB;
    private static final long KERNEL_PAGES = 32 * MIB;
    /** Bytes of {@code struct page} per frame, which the memmap reservation pays. */
    private static final long STRUCT_PAGE = 64;
    private static final long NODE_ALIGN = 2 * MIB;

    private final List<PfnRange> usable;
    private final List<PfnRange> reserved;
    private final List<ZoneSpan> zones;
    private final List<PfnRange> nodes;
    private final List<ZoneType> zoneTypes;
    private final long endPfn;
    private final long percpuPages;
    private final long kernelPages;

    private MemoryLayout(List<PfnRange> usable, List<PfnRange> reserved, List<ZoneSpan> zones, List<PfnRange> nodes,
                         List<ZoneType> zoneTypes, long percpuPages, long kernelPages) {
        this.percpuPages = percpuPages;
        this.kernelPages = kernelPages;
        this.usable = Collections.unmodifiableList(usable);
        this.reserved = Collections.unmodifiableList(reserved);
        this.zones = Collections.unmodifiableList(zones);
        this.nodes = Collections.unmodifiableList(nodes);
        this.zoneTypes = List.copyOf(zoneTypes);
        this.endPfn = usable.get(usable.size() - 1).end();
    }

    /** The zone types the architecture configures, in the kernel's order. */
    public static List<ZoneType> zoneTypes(Arch arch) {
        return arch == Arch.X86_64
                ? List.of(ZoneType.DMA, ZoneType.DMA32, ZoneType.NORMAL, ZoneType.MOVABLE, ZoneType.DEVICE)
                : List.of(ZoneType.DMA, ZoneType.NORMAL, ZoneType.HIGHMEM, ZoneType.MOVABLE, ZoneType.DEVICE);
    }

    /** Lays out the memory of a machine. */
    public static MemoryLayout of(MachineConfig config) {
        long ramPages = config.ramPages();
        List<PfnRange> usable = new ArrayList<>();
        usable.add(new PfnRange(1, Math.min(LOW_RAM_END, ramPages)));
        long below = Math.min(ramPages, PCI_HOLE);
        if (below > 0x100) {
            usable.add(new PfnRange(0x100, below));
        }
        if (ramPages > PCI_HOLE) {
            usable.add(new PfnRange(4 * GIB, 4 * GIB + ramPages - PCI_HOLE));
        }
        List<PfnRange> nodes = splitNodes(usable, config.nodes());
        List<PfnRange> reserved = new ArrayList<>();
        reserved.add(new PfnRange(0, 0x100));
        long present = presentIn(usable, 0, Long.MAX_VALUE);
        reserved.add(new PfnRange(KERNEL_START, KERNEL_START + Math.min(KERNEL_PAGES, present / 8)));
        for (PfnRange node : nodes) {
            long memmap = (presentIn(usable, node.start(), node.end()) * STRUCT_PAGE + (1L << PAGE_SHIFT) - 1) >> PAGE_SHIFT;
            reserved.add(topDown(usable, node, memmap));
        }
        long kernelPages = EarlyHashes.kernelPages(usable, reserved);
        // setup_per_cpu_areas() runs after paging_init() has placed the memmap, so its chunk lies below it.
        PercpuFirstChunk percpu = PercpuFirstChunk.place(groupCpus(config), nodes, usable, reserved);
        reserved.addAll(percpu.reserved());
        if (config.nodes() == 1) {
            EarlyHashes.reserve(usable, kernelPages, config.cpus(), reserved);
        }
        List<ZoneType> types = zoneTypes(config.arch());
        List<ZoneSpan> zones = new ArrayList<>();
        long movablePerNode = (config.movableCoreBytes() >> PAGE_SHIFT) / config.nodes();
        for (int n = 0; n < nodes.size(); n++) {
            PfnRange node = nodes.get(n);
            long[] limits = limits(config.arch());
            long movableStart = movableStart(usable, node, limits, movablePerNode);
            long low = 0;
            for (int t = 0; t < types.size(); t++) {
                ZoneType type = types.get(t);
                long from;
                long to;
                if (type == ZoneType.MOVABLE) {
                    from = movableStart;
                    to = node.end();
                } else if (type == ZoneType.DEVICE) {
                    from = node.end();
                    to = node.end();
                } else {
                    // zone_spanned_pages_in_node(): the zone's limits clamped to the node's span, holes included.
                    from = Math.max(node.start(), low);
                    to = Math.min(Math.min(node.end(), limits[t]), movableStart);
                    low = limits[t];
                }
                zones.add(span(n, type, usable, reserved, from, Math.max(from, to)));
            }
        }
        return new MemoryLayout(usable, reserved, zones, nodes, types, percpu.pages(), kernelPages);
    }

    /** The possible CPUs of each node: spread over the nodes in equal runs, the last node taking the rest. */
    private static int[] groupCpus(MachineConfig config) {
        int[] groups = new int[config.nodes()];
        int perNode = Math.max(1, config.cpus() / config.nodes());
        for (int cpu = 0; cpu < config.cpus(); cpu++) {
            groups[Math.min(config.nodes() - 1, cpu / perNode)]++;
        }
        return groups;
    }

    /** The upper pfn limit of each non-movable zone type on this node, in zone order. */
    private static long[] limits(Arch arch) {
        return arch == Arch.X86_64
                ? new long[] {16 * MIB, 4 * GIB, Long.MAX_VALUE}
                : new long[] {16 * MIB, 896 * MIB, Long.MAX_VALUE};
    }

    private static long movableStart(List<PfnRange> usable, PfnRange node, long[] limits, long movablePages) {
        if (movablePages == 0) {
            return node.end();
        }
        // Movable takes the top of the node's memory, but never below the highest zone's start.
        long floor = Math.max(node.start(), limits[limits.length - 2]);
        long start = node.end();
        long taken = 0;
        for (int i = usable.size() - 1; i >= 0 && taken < movablePages; i--) {
            PfnRange r = usable.get(i).intersect(floor, node.end());
            long take = Math.min(r.pages(), movablePages - taken);
            if (take > 0) {
                start = r.end() - take;
                taken += take;
            }
        }
        long maxOrderPages = 1L << PageOrder.MAX_PAGE_ORDER;
        return Math.min(node.end(), (start + maxOrderPages - 1) / maxOrderPages * maxOrderPages);
    }

    private static ZoneSpan span(int node, ZoneType type, List<PfnRange> usable, List<PfnRange> reserved, long from, long to) {
        long present = presentIn(usable, from, to);
        if (present == 0) {
            // An empty zone prints a start_pfn of 0 in /proc/zoneinfo when it spans nothing.
            return new ZoneSpan(node, type, to > from ? from : 0, to - from, 0, 0);
        }
        long reservedPresent = 0;
        for (PfnRange res : reserved) {
            for (PfnRange r : usable) {
                PfnRange a = r.intersect(from, to);
                reservedPresent += res.intersect(a.start(), a.end()).pages();
            }
        }
        return new ZoneSpan(node, type, from, to - from, present, present - reservedPresent);
    }

    private static long presentIn(List<PfnRange> usable, long from, long to) {
        long present = 0;
        for (PfnRange r : usable) {
            present += r.intersect(from, to).pages();
        }
        return present;
    }

    private static PfnRange topDown(List<PfnRange> usable, PfnRange node, long pages) {
        for (int i = usable.size() - 1; i >= 0; i--) {
            PfnRange r = usable.get(i).intersect(node.start(), node.end());
            if (r.pages() >= pages) {
                return new PfnRange(r.end() - pages, r.end());
            }
        }
        throw new IllegalStateException("no room for the memmap of node " + node);
    }

    /** Splits the RAM into {@code count} nodes of equal size (2 MiB steps), lowest addresses first. */
    private static List<PfnRange> splitNodes(List<PfnRange> usable, int count) {
        long total = presentIn(usable, 0, Long.MAX_VALUE);
        List<PfnRange> nodes = new ArrayList<>();
        long start = 0;
        for (int n = 0; n < count; n++) {
            long end;
            if (n == count - 1) {
                end = usable.get(usable.size() - 1).end();
            } else {
                long want = total * (n + 1) / count;
                end = pfnAtPresent(usable, want) / NODE_ALIGN * NODE_ALIGN;
            }
            long first = Math.max(start, firstUsable(usable, start));
            nodes.add(new PfnRange(Math.min(first, Math.max(start, end)), Math.max(start, end)));
            start = Math.max(start, end);
        }
        return nodes;
    }

    private static long firstUsable(List<PfnRange> usable, long from) {
        for (PfnRange r : usable) {
            if (r.end() > from) {
                return Math.max(r.start(), from);
            }
        }
        return from;
    }

    private static long pfnAtPresent(List<PfnRange> usable, long present) {
        long seen = 0;
        for (PfnRange r : usable) {
            if (seen + r.pages() >= present) {
                return r.start() + (present - seen);
            }
            seen += r.pages();
        }
        return usable.get(usable.size() - 1).end();
    }

    /** The e820 RAM ranges. */
    public List<PfnRange> usable() {
        return usable;
    }

    /** The per-CPU first chunk's pages as /proc/meminfo's Percpu counts them ({@link PercpuFirstChunk}). */
    public long percpuPages() {
        return percpuPages;
    }

    /** {@code pcpu_nr_units}: the first chunk's units, one a possible CPU and the unused ones of its last atoms. */
    public int percpuUnits() {
        return (int) (percpuPages / PercpuFirstChunk.UNIT_PAGES);
    }

    /** {@code nr_kernel_pages}: the RAM memblock had not reserved when the zones were set up. */
    public long kernelPages() {
        return kernelPages;
    }

    /** The page sizes of the boot's direct mapping of this RAM ({@link DirectMapping}). */
    public org.mmsim.api.physical.DirectMap directMap() {
        return DirectMapping.of(usable);
    }

    /** The memblock reservations: frames that are RAM but never handed to the buddy allocator. */
    public List<PfnRange> reserved() {
        return reserved;
    }

    /** Every zone of every node, populated or not, node by node in the kernel's zone order. */
    public List<ZoneSpan> zones() {
        return zones;
    }

    /** The pfn range of each node. */
    public List<PfnRange> nodes() {
        return nodes;
    }

    /** The zone types of the architecture, in order. */
    public List<ZoneType> zoneTypes() {
        return zoneTypes;
    }

    /** One past the highest RAM pfn ({@code max_pfn}): the size of the frame table. */
    public long endPfn() {
        return endPfn;
    }
}
