package org.mmsim.physical.alloc;

import java.util.List;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.MigrateType;
import org.mmsim.api.physical.ZoneType;

/**
 * What GFP flags mean for placement (include/linux/gfp.h): the highest zone an allocation may use
 * ({@code gfp_zone()}, the GFP_ZONE_TABLE) and the free lists it takes from ({@code gfp_migratetype()}).
 */
final class GfpZones {
    private GfpZones() {
    }

    /**
     * {@code gfp_zone()}: DMA, DMA32, HighMem or (with __GFP_MOVABLE) Movable if asked, Normal otherwise; a zone
     * the architecture lacks falls back to Normal (OPT_ZONE_DMA32, OPT_ZONE_HIGHMEM).
     *
     * @return the index of the highest usable zone type in {@code types}
     * @throws IllegalArgumentException for zone modifiers that name two zones (GFP_ZONE_BAD)
     */
    static int highestZone(int gfp, List<ZoneType> types) {
        int bits = gfp & Gfp.GFP_ZONEMASK;
        boolean movable = (bits & Gfp.__GFP_MOVABLE) != 0;
        ZoneType zone;
        switch (bits & ~Gfp.__GFP_MOVABLE) {
            case 0:
                zone = ZoneType.NORMAL;
                break;
            case Gfp.__GFP_DMA:
                zone = ZoneType.DMA;
                break;
            case Gfp.__GFP_DMA32:
                zone = ZoneType.DMA32;
                break;
            case Gfp.__GFP_HIGHMEM:
                zone = movable ? ZoneType.MOVABLE : ZoneType.HIGHMEM;
                break;
            default:
                throw new IllegalArgumentException("GFP zone modifiers " + Gfp.describe(bits) + " name two zones");
        }
        int index = types.indexOf(zone);
        return index >= 0 ? index : types.indexOf(ZoneType.NORMAL);
    }

    /** {@code gfp_migratetype()}: movable, reclaimable, or unmovable by default. */
    static int migratetype(int gfp) {
        if ((gfp & Gfp.__GFP_MOVABLE) != 0) {
            return MigrateType.MOVABLE.ordinal();
        }
        if ((gfp & Gfp.__GFP_RECLAIMABLE) != 0) {
            return MigrateType.RECLAIMABLE.ordinal();
        }
        return MigrateType.UNMOVABLE.ordinal();
    }
}
