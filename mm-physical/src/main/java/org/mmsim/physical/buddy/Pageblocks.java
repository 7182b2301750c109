package org.mmsim.physical.buddy;

import java.util.Arrays;
import org.mmsim.api.physical.MigrateType;
import org.mmsim.api.physical.PageOrder;

/**
 * The per-pageblock bookkeeping of the whole machine, Linux's {@code pageblock_flags} (the "usemap"): the migrate
 * type of each 2 MiB pageblock, and the zone it belongs to. One byte each per 512 frames.
 */
public final class Pageblocks {
    /** Frames per pageblock ({@code pageblock_nr_pages}). */
    public static final int PAGES = 1 << PageOrder.PAGEBLOCK_ORDER;
    private final byte[] type;
    private final byte[] zone;

    public Pageblocks(long frames) {
        int blocks = (int) ((frames + PAGES - 1) >> PageOrder.PAGEBLOCK_ORDER);
        type = new byte[blocks];
        zone = new byte[blocks];
        Arrays.fill(type, (byte) MigrateType.MOVABLE.ordinal());
        Arrays.fill(zone, (byte) -1);
    }

    /** The migrate type of the pageblock holding {@code pfn} ({@code get_pageblock_migratetype()}). */
    public int type(int pfn) {
        return type[pfn >>> PageOrder.PAGEBLOCK_ORDER];
    }

    /** Sets the migrate type of the pageblock holding {@code pfn}. */
    public void setType(int pfn, int migratetype) {
        type[pfn >>> PageOrder.PAGEBLOCK_ORDER] = (byte) migratetype;
    }

    /** The zone index of the pageblock holding {@code pfn}, or -1 outside every zone. */
    public int zone(int pfn) {
        int block = pfn >>> PageOrder.PAGEBLOCK_ORDER;
        return block < zone.length ? zone[block] & 0xff : 255;
    }

    /** Assigns the pageblocks of {@code [start, end)} to zone {@code index}. */
    public void assignZone(long start, long end, int index) {
        for (long pfn = start; pfn < end; pfn += PAGES) {
            zone[(int) (pfn >>> PageOrder.PAGEBLOCK_ORDER)] = (byte) index;
        }
    }

    /** The number of pageblocks. */
    public int count() {
        return type.length;
    }
}
