package org.mmsim.physical.alloc;

import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.MigrateType;
import org.mmsim.api.physical.PageOrder;
import org.mmsim.physical.buddy.Zone;
import org.mmsim.physical.watermark.Watermarks;

/**
 * The allocator's internal flags ({@code ALLOC_*} of mm/internal.h), how the GFP flags set them
 * ({@code gfp_to_alloc_flags()}), and the watermark test they bend ({@code __zone_watermark_ok()}).
 */
final class AllocFlags {
    static final int ALLOC_WMARK_MASK = 3;
    static final int ALLOC_MIN_RESERVE = 1 << 3;
    static final int ALLOC_NON_BLOCK = 1 << 4;
    static final int ALLOC_KSWAPD = 1 << 5;
    static final int ALLOC_OOM = 1 << 6;
    /** Claim only whole pageblocks and never steal ({@code ALLOC_NOFRAGMENT}). */
    static final int ALLOC_NOFRAGMENT = 1 << 7;
    /** Flags that allow dipping below the watermark ({@code ALLOC_RESERVES}). */
    static final int ALLOC_RESERVES = ALLOC_MIN_RESERVE | ALLOC_NON_BLOCK | ALLOC_OOM;

    private AllocFlags() {
    }

    /**
     * {@code __zone_watermark_ok()}: free pages, less those unusable for this order, must exceed the watermark (less
     * for the reserves the flags allow) plus the lowmem reserve; a higher order also needs a free block of that order
     * or more on a list it may use.
     */
    static boolean watermarkOk(Zone zone, int order, long mark, int highest, int allocFlags, long freePages) {
        long min = mark;
        long free = freePages - ((1L << order) - 1);
        if ((allocFlags & ALLOC_RESERVES) != 0) {
            if ((allocFlags & ALLOC_MIN_RESERVE) != 0) {
                min -= min / 2;
                if ((allocFlags & ALLOC_NON_BLOCK) != 0) {
                    min -= min / 4;
                }
            }
            if ((allocFlags & ALLOC_OOM) != 0) {
                min -= min / 2;
            }
        }
        if (free <= min + zone.lowmemReserve(highest)) {
            return false;
        }
        if (order == 0) {
            return true;
        }
        for (int o = order; o <= PageOrder.MAX_PAGE_ORDER; o++) {
            for (int mt = 0; mt < MigrateType.PCPTYPES; mt++) {
                if (zone.nrFree(o, mt) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code gfp_to_alloc_flags()}: the min watermark; reserves for __GFP_HIGH and for requests that cannot sleep. */
    static int gfpToAllocFlags(int gfp) {
        int flags = Watermarks.MIN;
        if ((gfp & Gfp.__GFP_HIGH) != 0) {
            flags |= ALLOC_MIN_RESERVE;
        }
        if ((gfp & Gfp.__GFP_KSWAPD_RECLAIM) != 0) {
            flags |= ALLOC_KSWAPD;
        }
        if ((gfp & Gfp.__GFP_DIRECT_RECLAIM) == 0) {
            flags |= ALLOC_NON_BLOCK;
        }
        return flags;
    }
}
