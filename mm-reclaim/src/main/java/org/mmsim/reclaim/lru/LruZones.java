package org.mmsim.reclaim.lru;

import java.util.List;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.physical.ZoneType;

/**
 * The zones the LRU lists span, as the lists ask about a frame ({@code folio_zone()}, {@code folio_nid()},
 * {@code zone_idx()}, {@code pfn_valid()}): each zone's pfns, node, type and whether it is populated, by its index
 * among the physical layer's zones.
 */
public final class LruZones {
    private final long[] start;
    private final long[] end;
    private final int[] node;
    private final ZoneType[] type;
    private final boolean[] populated;

    LruZones(List<ZoneInfo> zones) {
        int n = zones.size();
        start = new long[n];
        end = new long[n];
        node = new int[n];
        type = new ZoneType[n];
        populated = new boolean[n];
        for (int z = 0; z < n; z++) {
            ZoneInfo zone = zones.get(z);
            start[z] = zone.startPfn();
            end[z] = start[z] + zone.spanned();
            node[z] = zone.node();
            type[z] = zone.type();
            populated[z] = zone.populated();
        }
    }

    /** How many zones there are. */
    public int count() {
        return type.length;
    }

    /** One past the highest pfn of any zone. */
    long endPfn() {
        long last = 0;
        for (long e : end) {
            last = Math.max(last, e);
        }
        return last;
    }

    /** {@code pfn_valid()}: whether {@code pfn} is a frame of one of the zones. */
    public boolean pfnValid(long pfn) {
        for (int z = 0; z < type.length; z++) {
            if (pfn >= start[z] && pfn < end[z]) {
                return true;
            }
        }
        return false;
    }

    /** The zone of a frame ({@code folio_zone()}), as its index. */
    public int zoneOf(long pfn) {
        for (int z = 0; z < type.length; z++) {
            if (pfn >= start[z] && pfn < end[z]) {
                return z;
            }
        }
        throw new IllegalArgumentException("pfn " + pfn + " is in no zone");
    }

    /** The node of zone {@code zone}. */
    public int node(int zone) {
        return node[zone];
    }

    /** The type of zone {@code zone} ({@code zone_idx()}). */
    public ZoneType type(int zone) {
        return type[zone];
    }

    /** Whether {@code node} has a populated zone no higher than {@code reclaimIdx} (one {@code shrink_zones()} visits). */
    public boolean hasEligibleZone(int nodeId, ZoneType reclaimIdx) {
        for (int z = 0; z < type.length; z++) {
            if (node[z] == nodeId && populated[z] && type[z].compareTo(reclaimIdx) <= 0) {
                return true;
            }
        }
        return false;
    }
}
