package org.mmsim.physical.watermark;

import java.util.List;
import org.mmsim.api.Thp;
import org.mmsim.api.physical.MigrateType;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.physical.buddy.Pageblocks;
import org.mmsim.physical.buddy.Zone;

/**
 * The tunables of mm/page_alloc.c and what follows from them, recomputed whenever one changes, as the sysctl
 * handlers do: {@code min_free_kbytes} ({@code calculate_min_free_kbytes()}, raised by khugepaged's
 * {@code set_recommended_min_free_kbytes()} when transparent hugepages are on), each zone's watermarks
 * ({@code __setup_per_zone_wmarks()}), the lowmem reserves ({@code setup_per_zone_lowmem_reserve()}), and the
 * per-CPU list sizes ({@code zone_batchsize()}, {@code zone_highsize()}).
 */
public final class Watermarks {
    /** {@code WMARK_MIN}, {@code WMARK_LOW}, {@code WMARK_HIGH}, {@code WMARK_PROMO}. */
    public static final int MIN = 0;
    public static final int LOW = 1;
    public static final int HIGH = 2;
    public static final int PROMO = 3;
    private static final int SWAP_CLUSTER_MAX = 32;
    private static final int MIN_PERCPU_PAGELIST_HIGH_FRACTION = 8;

    private final List<Zone> zones;
    private final int cpus;
    private final int nodes;
    private final Thp thp;
    private int minFreeKbytes;
    private int userMinFreeKbytes = -1;
    private int watermarkScaleFactor = 10;
    /** {@code watermark_boost_factor} (mm/page_alloc.c): 15000, a boost of up to 150% of the high watermark. */
    private int watermarkBoostFactor = 15000;
    private int[] lowmemReserveRatio;
    private int percpuPagelistHighFraction;

    /**
     * Sets everything up as boot does: {@code init_per_zone_wmark_min()}, then khugepaged's raise.
     *
     * @param zones every zone, node by node, each node's zones in the kernel's order
     */
    public Watermarks(List<Zone> zones, int nodes, int cpus, Thp thp) {
        this.zones = zones;
        this.nodes = nodes;
        this.cpus = cpus;
        this.thp = thp;
        int types = zones.size() / nodes;
        lowmemReserveRatio = new int[types];
        for (int t = 0; t < types; t++) {
            ZoneType type = zones.get(t).type();
            // sysctl_lowmem_reserve_ratio[]: 256 for DMA and DMA32, 32 for Normal, 0 above.
            lowmemReserveRatio[t] = type == ZoneType.DMA || type == ZoneType.DMA32 ? 256 : type == ZoneType.NORMAL ? 32 : 0;
        }
        calculateMinFreeKbytes();
        setupPerZoneWmarks();
        setupPerZoneLowmemReserve();
        if (thp != Thp.NEVER) {
            setRecommendedMinFreeKbytes();
        }
        setupPcp();
    }

    /** {@code int_sqrt()}: the floor of the square root. */
    static long intSqrt(long x) {
        long r = (long) Math.sqrt((double) x);
        while (r * r > x) {
            r--;
        }
        while ((r + 1) * (r + 1) <= x) {
            r++;
        }
        return r;
    }

    /** Zones an allocation of GFP_USER may use: every zone up to Normal ({@code gfp_zone(GFP_USER)}). */
    private static boolean userZone(Zone zone) {
        return zone.type() == ZoneType.DMA || zone.type() == ZoneType.DMA32 || zone.type() == ZoneType.NORMAL;
    }

    /** {@code nr_free_buffer_pages()}: managed pages above the high watermark in the zones GFP_USER may use. */
    long nrFreeBufferPages() {
        long pages = 0;
        for (Zone zone : zones) {
            if (userZone(zone) && zone.managed() > zone.watermark(HIGH)) {
                pages += zone.managed() - zone.watermark(HIGH);
            }
        }
        return pages;
    }

    /** {@code calculate_min_free_kbytes()}: 4 × √(lowmem kB), from 128 kB to 256 MB, unless the user set more. */
    private void calculateMinFreeKbytes() {
        long lowmemKbytes = nrFreeBufferPages() * 4;
        long newMin = intSqrt(lowmemKbytes * 16);
        if (newMin > userMinFreeKbytes) {
            minFreeKbytes = (int) Math.max(128, Math.min(newMin, 262144));
        }
    }

    /**
     * {@code set_recommended_min_free_kbytes()}: with THP, keep two free pageblocks per zone up to Normal, plus
     * enough for every pcp type to fall back to every other, but never more than 5% of lowmem.
     */
    private void setRecommendedMinFreeKbytes() {
        long populated = zones.stream().filter(z -> userZone(z) && z.span().populated()).count();
        long recommended = (long) Pageblocks.PAGES * populated * 2
                + (long) Pageblocks.PAGES * populated * MigrateType.PCPTYPES * MigrateType.PCPTYPES;
        recommended = Math.min(recommended, nrFreeBufferPages() / 20) << 2;
        if (recommended > minFreeKbytes) {
            minFreeKbytes = (int) recommended;
        }
        setupPerZoneWmarks();
    }

    /** {@code __setup_per_zone_wmarks()}: min shared by managed pages of lowmem; low and high a step above each. */
    private void setupPerZoneWmarks() {
        long pagesMin = minFreeKbytes >> 2;
        long lowmemPages = 0;
        for (Zone zone : zones) {
            if (!isHighOrMovable(zone) && zone.type() != ZoneType.DEVICE) {
                lowmemPages += zone.managed();
            }
        }
        for (Zone zone : zones) {
            if (zone.type() == ZoneType.DEVICE) {
                continue;
            }
            long tmp = lowmemPages == 0 ? 0 : pagesMin * zone.managed() / lowmemPages;
            long min;
            if (isHighOrMovable(zone)) {
                // HighMem and Movable need only a small reserve: what is free there only user pages may use.
                min = Math.max(SWAP_CLUSTER_MAX, Math.min(zone.managed() / 1024, 128));
            } else {
                min = tmp;
            }
            tmp = Math.max(tmp >> 2, zone.managed() * watermarkScaleFactor / 10000);
            zone.setWatermarks(min, min + tmp, min + 2 * tmp, min + 3 * tmp);
        }
    }

    private static boolean isHighOrMovable(Zone zone) {
        return zone.type() == ZoneType.HIGHMEM || zone.type() == ZoneType.MOVABLE;
    }

    /**
     * {@code setup_per_zone_lowmem_reserve()}: a lower zone keeps back, from allocations that could have used a
     * higher zone, the managed pages of the zones above it up to that zone, divided by its ratio.
     */
    private void setupPerZoneLowmemReserve() {
        int types = lowmemReserveRatio.length;
        for (int n = 0; n < nodes; n++) {
            for (int i = 0; i < types; i++) {
                Zone zone = zones.get(n * types + i);
                long[] reserve = new long[types];
                int ratio = lowmemReserveRatio[i];
                boolean clear = ratio == 0 || zone.managed() == 0;
                long managed = 0;
                for (int j = i + 1; j < types; j++) {
                    managed += zones.get(n * types + j).managed();
                    reserve[j] = clear ? 0 : managed / ratio;
                }
                zone.setLowmemReserve(reserve);
            }
        }
    }

    /** {@code zone_batchsize()}: about 0.1% of the zone, at most 1 MiB, a quarter of that, rounded to 2^n - 1. */
    static int batchSize(long managed) {
        long batch = Math.min(managed >> 10, (1 << 20) / 4096);
        batch /= 4;
        if (batch < 1) {
            batch = 1;
        }
        long value = batch + batch / 2;
        return (int) (Long.highestOneBit(value) - 1);
    }

    /** {@code zone_highsize()}: the low watermark (or a fraction of the zone) split over the node's CPUs, at least 4 batches. */
    private int highSize(Zone zone, int batch, int fraction) {
        long total = fraction == 0 ? zone.watermark(LOW) : zone.managed() / fraction;
        int cpusOnNode = Math.max(1, cpus / nodes + (zone.node() < cpus % nodes ? 1 : 0));
        return (int) Math.max(total / cpusOnNode, (long) batch << 2);
    }

    /** {@code zone_set_pageset_high_and_batch()} for every zone. */
    private void setupPcp() {
        for (Zone zone : zones) {
            int batch = Math.max(1, batchSize(zone.managed()));
            int highMin;
            int highMax;
            if (percpuPagelistHighFraction != 0) {
                highMin = highSize(zone, batch, percpuPagelistHighFraction);
                highMax = highMin;
            } else {
                highMin = highSize(zone, batch, 0);
                highMax = highSize(zone, batch, MIN_PERCPU_PAGELIST_HIGH_FRACTION);
            }
            zone.setPcp(cpus, batch, highMin, highMax);
        }
    }

    /** {@code calculate_normal_threshold()}: the per-CPU counter drift allowed, by CPUs and zone size, at most 125. */
    public int statThreshold(Zone zone) {
        long mem = zone.managed() >> (27 - 12);
        int threshold = 2 * fls(cpus) * (1 + fls(mem));
        return Math.min(125, threshold);
    }

    private static int fls(long x) {
        return 64 - Long.numberOfLeadingZeros(x);
    }

    public int minFreeKbytes() {
        return minFreeKbytes;
    }

    /** The {@code min_free_kbytes} sysctl handler: the user's value, then new watermarks. */
    public void setMinFreeKbytes(int kbytes) {
        if (kbytes < 0) {
            throw new IllegalArgumentException("min_free_kbytes " + kbytes + "; expected 0 or more");
        }
        minFreeKbytes = kbytes;
        userMinFreeKbytes = kbytes;
        setupPerZoneWmarks();
        setupPcp();
    }

    public int watermarkBoostFactor() {
        return watermarkBoostFactor;
    }

    /** The {@code watermark_boost_factor} sysctl handler (0 or more). */
    public void setWatermarkBoostFactor(int factor) {
        if (factor < 0) {
            throw new IllegalArgumentException("watermark_boost_factor " + factor + "; expected 0 or more");
        }
        watermarkBoostFactor = factor;
        for (Zone zone : zones) {
            zone.setWatermarkBoostFactor(factor);
        }
    }

    public int watermarkScaleFactor() {
        return watermarkScaleFactor;
    }

    /** The {@code watermark_scale_factor} sysctl handler (1 to 3000, in units of 0.01%). */
    public void setWatermarkScaleFactor(int factor) {
        if (factor < 1 || factor > 3000) {
            throw new IllegalArgumentException("watermark_scale_factor " + factor + "; expected 1 to 3000");
        }
        watermarkScaleFactor = factor;
        setupPerZoneWmarks();
        setupPcp();
    }

    public int[] lowmemReserveRatio() {
        return lowmemReserveRatio.clone();
    }

    /** The {@code lowmem_reserve_ratio} sysctl handler. */
    public void setLowmemReserveRatio(int[] ratios) {
        if (ratios == null || ratios.length != lowmemReserveRatio.length) {
            throw new IllegalArgumentException((ratios == null ? "no" : ratios.length) + " ratios; expected " + lowmemReserveRatio.length
                    + ", one per zone type");
        }
        for (int ratio : ratios) {
            if (ratio < 0) {
                throw new IllegalArgumentException("lowmem_reserve_ratio " + ratio + "; expected 0 or more");
            }
        }
        lowmemReserveRatio = ratios.clone();
        setupPerZoneLowmemReserve();
    }

    public int percpuPagelistHighFraction() {
        return percpuPagelistHighFraction;
    }

    /** The {@code percpu_pagelist_high_fraction} sysctl handler: 0 (sized from the low watermark) or 8 and more. */
    public void setPercpuPagelistHighFraction(int fraction) {
        if (fraction != 0 && fraction < MIN_PERCPU_PAGELIST_HIGH_FRACTION) {
            throw new IllegalArgumentException("percpu_pagelist_high_fraction " + fraction + "; expected 0 or 8 and more");
        }
        percpuPagelistHighFraction = fraction;
        setupPcp();
    }

    /** Whether transparent hugepages raised {@code min_free_kbytes} at boot. */
    public Thp thp() {
        return thp;
    }
}
