package org.mmsim.physical.watermark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.Thp;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.stat.VmStat;
import org.mmsim.physical.buddy.FrameTable;
import org.mmsim.physical.buddy.Pageblocks;
import org.mmsim.physical.buddy.Zone;
import org.mmsim.physical.memmap.ZoneSpan;

/**
 * Watermarks, reserves and per-CPU list sizes against a real Linux 6.18 machine: the zones of
 * linux-6.18-samples/proc-zoneinfo.txt (2 CPUs; managed DMA 3840, DMA32 772915, Normal 163840; THP on), whose
 * every derived figure the sample shows.
 */
class WatermarksTest {
    private static List<Zone> zones(long... managed) {
        ZoneType[] types = {ZoneType.DMA, ZoneType.DMA32, ZoneType.NORMAL, ZoneType.MOVABLE, ZoneType.DEVICE};
        FrameTable frames = new FrameTable(16);
        Pageblocks pageblocks = new Pageblocks(16);
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            long m = i < managed.length ? managed[i] : 0;
            zones.add(new Zone(i, new ZoneSpan(0, types[i], 0, m, m, m), frames, pageblocks, new VmStat()));
        }
        return zones;
    }

    private static long[] marks(Zone zone) {
        return new long[] {zone.watermark(Watermarks.MIN), zone.watermark(Watermarks.LOW), zone.watermark(Watermarks.HIGH),
            zone.watermark(Watermarks.PROMO)};
    }

    @Test
    void theRealMachinesWatermarksFollowFromItsZones() {
        List<Zone> zones = zones(3840, 772915, 163840);
        Watermarks watermarks = new Watermarks(zones, 1, 2, Thp.MADVISE);
        // khugepaged: 512 pages x 3 zones x (2 + 3 x 3) = 16896 pages = 67584 kB (sys-vm-min_free_kbytes.txt).
        assertEquals(67584, watermarks.minFreeKbytes());
        assertArrayEquals(new long[] {68, 85, 102, 119}, marks(zones.get(0)));
        assertArrayEquals(new long[] {13883, 17353, 20823, 24293}, marks(zones.get(1)));
        assertArrayEquals(new long[] {2943, 3678, 4413, 5148}, marks(zones.get(2)));
        assertArrayEquals(new long[] {32, 32, 32, 32}, marks(zones.get(3)));
    }

    @Test
    void theRealMachinesProtectionLines() {
        List<Zone> zones = zones(3840, 772915, 163840);
        new Watermarks(zones, 1, 2, Thp.MADVISE);
        assertArrayEquals(new long[] {0, 3019, 3659, 3659, 3659}, zones.get(0).lowmemReserve());
        assertArrayEquals(new long[] {0, 0, 640, 640, 640}, zones.get(1).lowmemReserve());
        assertArrayEquals(new long[] {0, 0, 0, 0, 0}, zones.get(2).lowmemReserve());
        assertArrayEquals(new long[] {0, 0, 0, 0, 0}, zones.get(3).lowmemReserve());
    }

    @Test
    void theRealMachinesPerCpuListsAndStatThresholds() {
        List<Zone> zones = zones(3840, 772915, 163840);
        Watermarks watermarks = new Watermarks(zones, 1, 2, Thp.MADVISE);
        int[][] expected = {{1, 42, 240, 4}, {63, 8676, 48307, 24}, {31, 1839, 10240, 16}};
        for (int z = 0; z < 3; z++) {
            Zone zone = zones.get(z);
            assertArrayEquals(expected[z], new int[] {zone.pcp(1).batch(), zone.pcp(1).highMin(), zone.pcp(1).highMax(),
                watermarks.statThreshold(zone)}, zone.type().kernelName());
        }
    }

    @Test
    void withoutThpMinFreeKbytesIsFourTimesTheRootOfLowmem() {
        // calculate_min_free_kbytes(): sqrt((3840 + 772915 + 163840) x 4 x 16) = 7758 (the sample README's figure).
        assertEquals(7758, new Watermarks(zones(3840, 772915, 163840), 1, 2, Thp.NEVER).minFreeKbytes());
        // The kernel's own table: 1 GB of lowmem gives 4096 kB, and one zone of it min 1024, low 1286, high 1548, promo 1810.
        List<Zone> oneGig = zones(0, 262144);
        assertEquals(4096, new Watermarks(oneGig, 1, 2, Thp.NEVER).minFreeKbytes());
        assertArrayEquals(new long[] {1024, 1286, 1548, 1810}, marks(oneGig.get(1)));
        // 16 MB -> 512 kB and 16 GB -> 16384 kB, from the same table.
        assertEquals(512, new Watermarks(zones(0, 4096), 1, 2, Thp.NEVER).minFreeKbytes());
        assertEquals(16384, new Watermarks(zones(0, 1L << 22), 1, 2, Thp.NEVER).minFreeKbytes());
    }

    @Test
    void sysctlsRecomputeWhatDependsOnThem() {
        List<Zone> zones = zones(3840, 772915, 163840);
        Watermarks watermarks = new Watermarks(zones, 1, 2, Thp.MADVISE);
        watermarks.setMinFreeKbytes(135168);
        // 33792 pages x 3840 / 940595 = 137; low = 137 + 137/4 = 171; the pcp high is half the low watermark.
        assertEquals(137, zones.get(0).watermark(Watermarks.MIN));
        assertEquals(171, zones.get(0).watermark(Watermarks.LOW));
        assertEquals(85, zones.get(0).pcp(0).highMin());
        watermarks.setWatermarkScaleFactor(1000);
        // low = min + max(min/4, managed x 1000/10000): DMA32 gets 10% of its pages between min and low.
        assertEquals(77291, zones.get(1).watermark(Watermarks.LOW) - zones.get(1).watermark(Watermarks.MIN));
        watermarks.setLowmemReserveRatio(new int[] {128, 128, 32, 0, 0});
        assertEquals(6038, zones.get(0).lowmemReserve()[1]);
        watermarks.setPercpuPagelistHighFraction(8);
        assertEquals(48307, zones.get(1).pcp(0).highMin());
        assertEquals(48307, zones.get(1).pcp(0).highMax());
    }
}
