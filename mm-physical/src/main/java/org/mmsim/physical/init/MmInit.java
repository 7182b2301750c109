package org.mmsim.physical.init;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kernel.ReclaimHook;
import org.mmsim.api.stat.VmStat;
import org.mmsim.physical.alloc.BuddyPageAllocator;
import org.mmsim.physical.buddy.FrameTable;
import org.mmsim.physical.buddy.Pageblocks;
import org.mmsim.physical.buddy.Zone;
import org.mmsim.physical.compaction.Compactor;
import org.mmsim.physical.failinject.FailPageAlloc;
import org.mmsim.physical.memmap.MemoryLayout;
import org.mmsim.physical.memmap.PfnRange;
import org.mmsim.physical.memmap.ZoneSpan;
import org.mmsim.physical.watermark.Watermarks;

/**
 * Boots physical memory as mm/mm_init.c and mm/memblock.c do: lay out nodes and zones, initialise the memmap (every
 * frame reserved, every pageblock movable), hand the RAM memblock did not reserve to the buddy allocator in the
 * largest aligned blocks ({@code memblock_free_all()}), then compute watermarks and per-CPU lists.
 */
public final class MmInit {
    private MmInit() {
    }

    /** Boots the physical memory of a machine, with no reclaim until the reclaim layer registers its own. */
    public static PhysicalSystem boot(MachineConfig config, VmStat vmstat) {
        return boot(config, vmstat, new NoReclaim());
    }

    /** Boots the physical memory of a machine whose reclaim is {@code reclaim} from the start. */
    public static PhysicalSystem boot(MachineConfig config, VmStat vmstat, ReclaimHook reclaim) {
        MemoryLayout layout = MemoryLayout.of(config);
        FrameTable frames = new FrameTable((int) layout.endPfn());
        Pageblocks pageblocks = new Pageblocks(layout.endPfn());
        // memmap_init() and reserve_bootmem_region(): every page starts reserved until memblock frees it.
        frames.reserveAll();
        List<Zone> zones = new ArrayList<>();
        for (ZoneSpan span : layout.zones()) {
            Zone zone = new Zone(zones.size(), span, frames, pageblocks, vmstat);
            zones.add(zone);
            for (PfnRange ram : layout.usable()) {
                PfnRange in = ram.intersect(span.startPfn(), span.endPfn());
                if (in.pages() > 0) {
                    pageblocks.assignZone(in.start(), in.end(), zone.index());
                }
            }
        }
        for (Zone zone : zones) {
            for (PfnRange free : freeRanges(layout, zone.span())) {
                zone.freeBootMemory(free.start(), free.end());
            }
        }
        Watermarks watermarks = new Watermarks(zones, config.nodes(), config.cpus(), config.thp());
        FailPageAlloc failures = new FailPageAlloc(config.seed());
        Compactor compactor = new Compactor(frames, vmstat);
        org.mmsim.spi.util.LongPagedArray content = new org.mmsim.spi.util.LongPagedArray(layout.endPfn());
        BuddyPageAllocator allocator = new BuddyPageAllocator(zones, layout.zoneTypes(), config.distance(), config.cpus(),
                frames, pageblocks, vmstat, reclaim, failures, compactor, content);
        PhysicalSystem system = new PhysicalSystem(zones, layout, config.nodes(), frames, watermarks, allocator,
                compactor, failures, content, reclaim);
        system.bootHugetlb(org.mmsim.physical.hugetlb.HugetlbPool.orders(config.arch() == org.mmsim.api.Arch.X86_64,
                config.pagingLevels() == 3), vmstat);
        return system;
    }

    /** The RAM of a zone that no memblock reservation covers: what {@code memblock_free_all()} releases. */
    private static List<PfnRange> freeRanges(MemoryLayout layout, ZoneSpan zone) {
        List<PfnRange> reserved = new ArrayList<>(layout.reserved());
        reserved.sort(java.util.Comparator.comparingLong(PfnRange::start));
        List<PfnRange> ranges = new ArrayList<>();
        for (PfnRange ram : layout.usable()) {
            PfnRange in = ram.intersect(zone.startPfn(), zone.endPfn());
            long cursor = in.start();
            for (PfnRange r : reserved) {
                if (r.end() <= cursor || r.start() >= in.end()) {
                    continue;
                }
                if (r.start() > cursor) {
                    ranges.add(new PfnRange(cursor, r.start()));
                }
                cursor = Math.max(cursor, r.end());
            }
            if (cursor < in.end()) {
                ranges.add(new PfnRange(cursor, in.end()));
            }
        }
        return ranges;
    }
}
