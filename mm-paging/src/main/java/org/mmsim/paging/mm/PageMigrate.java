package org.mmsim.paging.mm;

import java.util.function.LongSupplier;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * {@code migrate_pages()} of mm/migrate.c for the pages of processes: a new page is allocated where the caller
 * says, the old one's content token, mapping and index are copied, every entry that mapped the old page maps the new
 * one ({@link RmapWalk#migrate}), the new page joins the LRU, and the old one is freed with its last reference.
 * Counted pgmigrate_success, or pgmigrate_fail when no page could be allocated. Only an anonymous order-0 page that
 * nothing but its mappings holds may move (not one in the swap cache, under writeback, locked or mlocked); file
 * pages stay where the page cache put them, and a transparent huge page is not split to move.
 */
final class PageMigrate {
    /** The errnos {@code move_pages()} reports a page's status with. */
    static final int ENOENT = 2;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int EBUSY = 16;
    /** Flags of a page the model does not migrate: PG_swapcache (PG_owner_priv_1), writeback, locked, mlocked. */
    private static final int PINNED = PageFlags.OWNER_PRIV_1 | PageFlags.WRITEBACK | PageFlags.LOCKED
            | PageFlags.MLOCKED | PageFlags.UNEVICTABLE;

    private final PageFrames frames;
    private final FaultHandler faults;
    private final RmapWalk rmap;
    private final VmStat vmstat;

    PageMigrate(FaultHandler faults, RmapWalk rmap, VmStat vmstat) {
        this.frames = faults.frames();
        this.faults = faults;
        this.rmap = rmap;
        this.vmstat = vmstat;
    }

    /** Whether the page at {@code pfn} may migrate: anonymous, on the LRU, held only by its mappings, not pinned. */
    boolean movable(long pfn) {
        int flags = frames.flags(pfn);
        return (frames.mapping(pfn) & PageFrames.ANON_MAPPING) != 0 && (flags & PageFlags.LRU) != 0
                && (flags & PINNED) == 0 && frames.refcount(pfn) == frames.mapcount(pfn);
    }

    /**
     * Moves the page at {@code from} to a page {@code target} allocates.
     *
     * @return the new page's pfn, or {@link PageAllocator#NO_PAGE} if none could be allocated
     */
    long migrate(long from, LongSupplier target) {
        long to = target.getAsLong();
        if (to == PageAllocator.NO_PAGE) {
            vmstat.inc(VmItem.PGMIGRATE_FAIL);
            return PageAllocator.NO_PAGE;
        }
        // folio_migrate_mapping() and folio_migrate_flags(): the same bytes, the same place in the anon_vma.
        frames.setContent(to, frames.content(from));
        frames.setMapping(to, frames.mapping(from), frames.index(from));
        frames.setFlags(to, frames.flags(from) & (PageFlags.SWAPBACKED | PageFlags.DIRTY | PageFlags.UPTODATE));
        rmap.migrate(from, to);
        faults.lru().addAnon(to, false);
        vmstat.inc(VmItem.PGMIGRATE_SUCCESS);
        return to;
    }
}
