package org.mmsim.kalloc.slub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code calculate_order()} (mm/slub.c) against orders worked out by hand. min_objects = 4 × (fls(nr_cpus) + 1):
 * 8 for 1 CPU, 12 for 2 or 3, 16 for 4 to 7, 20 for 8 to 15; min_order = get_order(min_objects × size), capped so
 * that an order-3 slab still holds them; then the first order up to 3 whose leftover is at most 1/16 of the slab
 * (then 1/8, then 1/4). Then against every cache of a real 6.18 boot.
 */
class SlabOrderTest {
    static List<SlabinfoSample.Row> sampleRows() {
        return SlabinfoSample.rows();
    }

    @Test
    void theSampleIsAWholeBoot() {
        // 232 caches: 13 sizes x 4 kmalloc families, the 2 bootstrap caches and 178 named ones.
        assertEquals(232, sampleRows().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleRows")
    void everyRealCachesSlabComesOutOfItsSlot(SlabinfoSample.Row row) {
        // No slub_min_order, slub_max_order or slub_min_objects on the sample's command line: every cache's order
        // is calculate_order() of its slot on 2 CPUs.
        int order = SlabOrder.calculateOrder(row.objSize(), SlabinfoSample.CPUS);
        assertEquals(row.pagesPerSlab(), 1 << order, "pages per slab");
        assertEquals(row.objPerSlab(), SlabOrder.orderObjects(order, row.objSize()), "objects per slab");
    }

    @Test
    void minObjectsFollowTheCpuCount() {
        assertEquals(8, SlabOrder.minObjects(1));
        assertEquals(12, SlabOrder.minObjects(2));
        assertEquals(12, SlabOrder.minObjects(3));
        assertEquals(16, SlabOrder.minObjects(4));
        assertEquals(20, SlabOrder.minObjects(8));
        assertEquals(32, SlabOrder.minObjects(64));
    }

    @Test
    void smallObjectsFitInOnePage() {
        // 12 × 8 = 96 bytes: order 0, 4096 % 8 = 0.
        assertEquals(0, SlabOrder.calculateOrder(8, 2));
        // 12 × 256 = 3072: order 0; 4096 % 256 = 0.
        assertEquals(0, SlabOrder.calculateOrder(256, 2));
        // 12 × 312 = 3744: order 0; 4096 % 312 = 40 <= 256 (btrfs_delayed_node in the sample: 13 a page).
        assertEquals(0, SlabOrder.calculateOrder(312, 2));
    }

    @Test
    void theSampleMachinesCachesComeOut() {
        // ext4_inode_cache, 1128: 12 × 1128 = 13536 -> order 2; 16384 % 1128 = 592 <= 1024: 14 objects, 4 pages.
        assertEquals(2, SlabOrder.calculateOrder(1128, 2));
        assertEquals(14, SlabOrder.orderObjects(2, 1128));
        // btrfs_ordered_extent, 416: 12 × 416 = 4992 -> order 1; 8192 % 416 = 288 <= 512: 19 objects.
        assertEquals(1, SlabOrder.calculateOrder(416, 2));
        // AF_VSOCK, 1280: 15360 -> order 2; 16384 % 1280 = 1024 <= 1024: 12 objects.
        assertEquals(2, SlabOrder.calculateOrder(1280, 2));
        // MPTCPv6, 2112: 25344 -> order 3; 32768 % 2112 = 1088 <= 2048: 15 objects.
        assertEquals(3, SlabOrder.calculateOrder(2112, 2));
        // erofs_pcluster-257, 4232: only 7 fit in order 3, so min_objects = 7 -> 29624 -> order 3; the leftover
        // 3144 is over 1/16 (2048) but within 1/8 (4096).
        assertEquals(3, SlabOrder.calculateOrder(4232, 2));
    }

    @Test
    void moreCpusMeanBiggerSlabs() {
        // 8 CPUs: min_objects 20; 20 × 1128 = 22560 -> order 3; 32768 % 1128 = 56: 29 objects.
        assertEquals(3, SlabOrder.calculateOrder(1128, 8));
        // 1 CPU: min_objects 8; 8 × 1024 = 8192 -> order 1; 8192 % 1024 = 0.
        assertEquals(1, SlabOrder.calculateOrder(1024, 1));
        // 4 CPUs: 16 × 1024 = 16384 -> order 2.
        assertEquals(2, SlabOrder.calculateOrder(1024, 4));
        // 2 CPUs: 12 × 192 = 2304 -> order 0; 4096 % 192 = 64 <= 256: 21 objects (dentry).
        assertEquals(0, SlabOrder.calculateOrder(192, 2));
        // 64 CPUs: 32 × 192 = 6144 -> order 1; 8192 % 192 = 128 <= 512: 42 objects.
        assertEquals(1, SlabOrder.calculateOrder(192, 64));
    }

    @Test
    void objectsBeyondOrderThreeGoToGetOrder() {
        // 8192 (kmalloc-8k): 4 fit in order 3, min_objects 4 -> 32768 -> order 3, no leftover.
        assertEquals(3, SlabOrder.calculateOrder(8192, 2));
        // 40000: none fits in order 3, so get_order(40000) = 4.
        assertEquals(4, SlabOrder.calculateOrder(40000, 2));
        // 5000: 6 fit in order 3 with 2768 left (> 1/16), within 1/8.
        assertEquals(3, SlabOrder.calculateOrder(5000, 2));
    }

    @Test
    void minPartialIsHalfTheLogOfTheSizeClamped() {
        assertEquals(5, SlabOrder.minPartial(8));
        assertEquals(5, SlabOrder.minPartial(1024));
        assertEquals(6, SlabOrder.minPartial(4096));
        assertEquals(6, SlabOrder.minPartial(8192));
        assertEquals(10, SlabOrder.minPartial(1 << 21));
    }

    @Test
    void hwcacheAlignHalvesForSmallObjects() {
        assertEquals(64, SlabOrder.calculateAlignment(true, 0, 100, 8));
        assertEquals(32, SlabOrder.calculateAlignment(true, 0, 20, 8));
        assertEquals(16, SlabOrder.calculateAlignment(true, 0, 16, 8));
        assertEquals(8, SlabOrder.calculateAlignment(false, 0, 100, 8));
        assertEquals(128, SlabOrder.calculateAlignment(true, 128, 100, 8));
    }
}
