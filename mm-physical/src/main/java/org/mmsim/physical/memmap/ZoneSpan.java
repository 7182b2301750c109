package org.mmsim.physical.memmap;

import org.mmsim.api.physical.ZoneType;

/**
 * Where one zone of one node lies and how much of it is memory: the numbers /proc/zoneinfo prints as spanned,
 * present and managed ({@code free_area_init_core()} and {@code memblock_free_all()}).
 *
 * @param node the NUMA node
 * @param type the zone type
 * @param startPfn the zone's first pfn ({@code zone_start_pfn}); for an empty zone, where it would start
 * @param spanned frames from the first to the last pfn, holes included ({@code spanned_pages})
 * @param present frames that are RAM ({@code present_pages})
 * @param managed RAM frames the buddy allocator manages: present minus memblock reservations ({@code managed_pages})
 */
public record ZoneSpan(int node, ZoneType type, long startPfn, long spanned, long present, long managed) {
    /** One past the zone's last pfn. */
    public long endPfn() {
        return startPfn + spanned;
    }

    /** Whether the zone has memory ({@code populated_zone()}). */
    public boolean populated() {
        return present > 0;
    }
}
