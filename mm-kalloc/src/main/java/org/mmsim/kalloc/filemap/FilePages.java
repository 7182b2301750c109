package org.mmsim.kalloc.filemap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.kernel.Lru;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;
import org.mmsim.spi.util.LongIntHashMap;
import org.mmsim.kalloc.blockdev.Disk;

/**
 * The page cache (mm/filemap.c): every inode's pages by index, in one map keyed by inode and index, and the state
 * that goes with them: PG_uptodate, PG_dirty, PG_writeback and PG_readahead (which shares PG_reclaim's bit, as in
 * include/linux/page-flags.h), the counters NR_FILE_PAGES, NR_SHMEM, NR_FILE_DIRTY, NR_WRITEBACK,
 * NR_ZONE_WRITE_PENDING, nr_dirtied and nr_written, and the list of dirty inodes oldest first ({@code wb->b_dirty}).
 *
 * <p>A page the cache lacks is allocated with the mapping's GFP mask (GFP_HIGHUSER_MOVABLE for files,
 * GFP_USER|__GFP_MOVABLE for the block device's buffers, as {@code bdev_alloc()} and {@code sb_bread()} ask) and read
 * from the simulated disk, pgpgin counting the KiB; shmem pages are zeroes and need no I/O. The cache holds one
 * reference on each page; every user (a mapping, a read in progress) takes its own.
 */
public final class FilePages {
    /** Bits of the key for the page index: files up to 2^31 pages (the BitSets' range) fit. */
    private static final int INDEX_BITS = 36;
    /** PG_readahead: PG_reclaim's bit (include/linux/page-flags.h, PF_NO_COMPOUND alias). */
    public static final int READAHEAD = PageFlags.RECLAIM;
    private final PageAllocator allocator;
    private final PageFrames frames;
    private final VmStat vmstat;
    private final SimClock clock;
    private final Disk disk;
    /** Per frame: the key of the cache page it holds, plus one (0: not a cache page). */
    private final Map<Long, AddressSpace> byInode = new HashMap<>();
    private final TreeMap<String, AddressSpace> byPath = new TreeMap<>();
    private final LinkedHashSet<AddressSpace> dirtyInodes = new LinkedHashSet<>();
    private final List<AddressSpace> blockdevs = new ArrayList<>();
    private final List<AddressSpace> all = new ArrayList<>();
    private Runnable firstDirtyInode = () -> { };
    private long nextInode = 1_000_001;
    private long writeSequence;
    private long pages;
    /** Pages read from the disk since boot: what read(2) counts as its own I/O. */
    private long pagesRead;

    /** Reclaim's LRU lists, registered once reclaim is up. */
    private Lru lru;
    /**
     * What the cache did to pages before reclaim was up (the buffers of the mount), replayed on the lists when they
     * are registered, as {@code lru_add_drain()} moves a CPU's batch of new folios onto the LRU: a page added as
     * (pfn, shadow), a page accessed as -1 - pfn.
     */
    private final java.util.ArrayList<Long> beforeLru = new java.util.ArrayList<>();
    /**
     * Workingset shadow entries of evicted pages, by (inode, index) key ({@code xa_store()} of a shadow); reclaim
     * keeps them within an int.
     */
    private final LongIntHashMap shadows = new LongIntHashMap(1 << 10, 0);

    public FilePages(PageAllocator allocator, PageFrames frames, VmStat vmstat, SimClock clock, Disk disk) {
        this.allocator = allocator;
        this.frames = frames;
        this.vmstat = vmstat;
        this.clock = clock;
        this.disk = disk;
    }

    /** What runs when an inode becomes dirty while none was: {@code wb_wakeup_delayed()} (fs/fs-writeback.c). */
    public void onFirstDirtyInode(Runnable hook) {
        firstDirtyInode = hook;
    }

    private static long key(long inode, long index) {
        return (inode << INDEX_BITS) | index;
    }

    /** The disk file at {@code path}, or null. */
    public AddressSpace byPath(String path) {
        return byPath.get(path);
    }

    /** The inode {@code inode}'s mapping, or null. */
    public AddressSpace byInode(long inode) {
        return byInode.get(inode);
    }

    /** A new disk file of {@code size} bytes at {@code path}, with the next inode number. */
    public AddressSpace newFile(String path, long size) {
        AddressSpace mapping = new AddressSpace(nextInode++, "fe:00", path, size, false, false);
        byPath.put(path, mapping);
        byInode.put(mapping.inode(), mapping);
        all.add(mapping);
        return mapping;
    }

    /** A new unnamed shmem file (an inode of the internal shm mount, {@code shmem_zero_setup()}). */
    public AddressSpace newShmem(String name, long size) {
        AddressSpace mapping = new AddressSpace(nextInode++, "00:01", name, size, true, false);
        byInode.put(mapping.inode(), mapping);
        all.add(mapping);
        return mapping;
    }

    /** The block device's own mapping ({@code bdev->bd_mapping}, an inode of the bdev pseudo file system). */
    public AddressSpace newBlockdev(long inode, String path, long size) {
        AddressSpace mapping = new AddressSpace(inode, "00:05", path, size, false, true);
        byInode.put(inode, mapping);
        blockdevs.add(mapping);
        all.add(mapping);
        return mapping;
    }

    /** Every mapping, in the order they were made (a copy). */
    public List<AddressSpace> mappings() {
        return new ArrayList<>(all);
    }

    /** The dirty inodes, oldest first ({@code wb->b_dirty}); a copy. */
    public List<AddressSpace> dirtyInodes() {
        return new ArrayList<>(dirtyInodes);
    }

    /** Whether any inode is dirty ({@code wb_has_dirty_io()}). */
    public boolean hasDirtyInodes() {
        return !dirtyInodes.isEmpty();
    }

    /** The page at {@code index} if cached, with no reference taken; -1 if not. */
    public long find(AddressSpace mapping, long index) {
        return mapping.pfnAt(index);
    }

    /**
     * Allocates a page for {@code index} and fills it: from the disk (a read in the queue's plug), or zeroes for shmem; marks it
     * PG_readahead if asked. Holds only the cache's reference.
     *
     * @return the pfn, or -1 without memory
     */
    public long add(AddressSpace mapping, long index, boolean readaheadMark) {
        boolean shmem = mapping.shmem();
        int gfp = mapping.blockdev() ? Gfp.GFP_USER | Gfp.__GFP_MOVABLE
                : Gfp.GFP_HIGHUSER_MOVABLE | (shmem ? Gfp.__GFP_ZERO : 0);
        long pfn = allocator.allocPages(gfp, 0);
        if (pfn == PageAllocator.NO_PAGE) {
            return -1;
        }
        frames.setFlags(pfn, PageFlags.UPTODATE | (shmem ? PageFlags.SWAPBACKED : 0) | (readaheadMark ? READAHEAD : 0));
        if (shmem) {
            frames.setContent(pfn, 0);
        } else {
            frames.setContent(pfn, disk.content(mapping.inode(), index));
            disk.queue().plugRead(1);
            pagesRead++;
        }
        long key = key(mapping.inode(), index);
        mapping.setPfn(index, pfn);
        frames.setMapping(pfn, mapping.inode(), index);
        mapping.nrpages++;
        pages++;
        vmstat.inc(VmItem.NR_FILE_PAGES);
        if (shmem) {
            vmstat.inc(VmItem.NR_SHMEM);
        }
        lruAddFile(pfn, shadows.remove(key));
        return pfn;
    }

    /**
     * Adds a page that the caller fills whole ({@code write_begin} of a full-page write, or of a page past the end
     * of the file): no disk read. Holds only the cache's reference.
     *
     * @return the pfn, or -1 without memory
     */
    public long addForWrite(AddressSpace mapping, long index) {
        long pfn = allocator.allocPages(Gfp.GFP_HIGHUSER_MOVABLE, 0);
        if (pfn == PageAllocator.NO_PAGE) {
            return -1;
        }
        frames.setFlags(pfn, PageFlags.UPTODATE | (mapping.shmem() ? PageFlags.SWAPBACKED : 0));
        frames.setContent(pfn, 0);
        long key = key(mapping.inode(), index);
        mapping.setPfn(index, pfn);
        frames.setMapping(pfn, mapping.inode(), index);
        mapping.nrpages++;
        pages++;
        vmstat.inc(VmItem.NR_FILE_PAGES);
        if (mapping.shmem()) {
            vmstat.inc(VmItem.NR_SHMEM);
        }
        lruAddFile(pfn, shadows.remove(key));
        return pfn;
    }

    /** Whether the page has PG_readahead; clears it ({@code folio_test_clear_readahead()}) if so. */
    public boolean testClearReadahead(long pfn) {
        if ((frames.flags(pfn) & READAHEAD) == 0) {
            return false;
        }
        frames.clearFlags(pfn, READAHEAD);
        return true;
    }

    /** Whether the page has PG_readahead. */
    public boolean isReadahead(long pfn) {
        return (frames.flags(pfn) & READAHEAD) != 0;
    }

    /** A new content token for a write: every write makes new bytes. Tokens of the cache's writes are odd-high. */
    public long nextToken() {
        return (1L << 62) | ++writeSequence;
    }

    /**
     * {@code folio_mark_dirty()}: PG_dirty, and for a disk file ({@code mapping_can_writeback()}) the accounting of
     * {@code folio_account_dirtied()} (NR_FILE_DIRTY, NR_ZONE_WRITE_PENDING, nr_dirtied) and
     * {@code __mark_inode_dirty()} (the inode's dirtied_when, on the dirty list).
     *
     * @return whether the page became dirty now (it was clean)
     */
    public boolean markDirty(AddressSpace mapping, long index, long pfn) {
        if ((frames.flags(pfn) & PageFlags.DIRTY) != 0) {
            return false;
        }
        frames.setFlags(pfn, PageFlags.DIRTY);
        if (mapping.shmem()) {
            return true;
        }
        mapping.dirty.set((int) index);
        mapping.nrDirty++;
        vmstat.inc(VmItem.NR_DIRTY);
        vmstat.inc(VmItem.NR_ZONE_WRITE_PENDING);
        vmstat.inc(VmItem.NR_DIRTIED);
        if (mapping.nrDirty == 1) {
            mapping.dirtiedWhen = clock.jiffies();
            boolean wasClean = dirtyInodes.isEmpty();
            dirtyInodes.add(mapping);
            if (wasClean) {
                firstDirtyInode.run();
            }
        }
        return true;
    }

    /** {@code folio_mark_dirty()} by frame, for a page a shared mapping wrote; false for a frame not in the cache. */
    public boolean markDirty(long pfn) {
        // The frame's mapping and index say which file page it is, if the cache holds it (not a private copy).
        AddressSpace mapping = mappingOf(pfn);
        return mapping != null && markDirty(mapping, frames.index(pfn), pfn);
    }

    /**
     * {@code folio_clear_dirty_for_io()} then {@code folio_start_writeback()}: a dirty page goes to the disk; PG_dirty
     * becomes PG_writeback (NR_FILE_DIRTY to NR_WRITEBACK), and an inode left without dirty pages leaves the list.
     *
     * @return the pfn
     */
    public long startWriteback(AddressSpace mapping, long index) {
        long pfn = find(mapping, index);
        frames.clearFlags(pfn, PageFlags.DIRTY);
        frames.setFlags(pfn, PageFlags.WRITEBACK);
        mapping.dirty.clear((int) index);
        mapping.nrDirty--;
        mapping.nrWriteback++;
        vmstat.add(VmItem.NR_DIRTY, -1);
        vmstat.inc(VmItem.NR_WRITEBACK);
        if (mapping.nrDirty == 0) {
            dirtyInodes.remove(mapping);
        }
        return pfn;
    }

    /** {@code folio_end_writeback()}: the disk has the page; NR_WRITEBACK down, nr_written up. */
    public void endWriteback(AddressSpace mapping, long pfn) {
        frames.clearFlags(pfn, PageFlags.WRITEBACK);
        mapping.nrWriteback--;
        vmstat.add(VmItem.NR_WRITEBACK, -1);
        vmstat.add(VmItem.NR_ZONE_WRITE_PENDING, -1);
        vmstat.inc(VmItem.NR_WRITTEN);
    }

    /** Whether the page is under writeback. */
    public boolean underWriteback(long pfn) {
        return (frames.flags(pfn) & PageFlags.WRITEBACK) != 0;
    }

    /**
     * {@code mapping_evict_folio()}: removes the page at {@code index} if it is clean, not under writeback, and held
     * by nobody but the cache (not mapped, no read in progress); the page is freed.
     *
     * @return whether it was removed
     */
    public boolean evict(AddressSpace mapping, long index) {
        return evict(mapping, index, 0);
    }

    /** {@link #evict(AddressSpace, long)} leaving {@code shadow} at the index, for reclaim's workingset. */
    public boolean evict(AddressSpace mapping, long index, long shadow) {
        long pfn = find(mapping, index);
        if (pfn < 0 || mapping.shmem()) {
            return false;
        }
        if ((frames.flags(pfn) & (PageFlags.DIRTY | PageFlags.WRITEBACK)) != 0 || frames.refcount(pfn) != 1
                || frames.mapcount(pfn) != 0) {
            return false;
        }
        long key = key(mapping.inode(), index);
        mapping.clearPfn(index);
        if (shadow != 0) {
            shadows.put(key, (int) shadow);
        }
        frames.setMapping(pfn, 0, 0);
        mapping.nrpages--;
        pages--;
        vmstat.add(VmItem.NR_FILE_PAGES, -1);
        frames.clearFlags(pfn, PageFlags.UPTODATE | READAHEAD | PageFlags.REFERENCED);
        frames.putPage(pfn);
        return true;
    }

    /** {@code folio_mark_accessed()} of a cache page a read or write touched. */
    public void markAccessed(long pfn) {
        if (lru != null) {
            lru.markAccessed(pfn);
        } else {
            beforeLru.add(-1 - pfn);
        }
    }

    /**
     * The mapping {@code pfn} is a page of (its index is {@code frames.index(pfn)}), or null if the frame is not a page
     * of this cache.
     */
    public AddressSpace mappingOf(long pfn) {
        long inode = frames.mapping(pfn);
        if (inode == 0 || (inode & PageFrames.ANON_MAPPING) != 0) {
            return null;
        }
        AddressSpace mapping = byInode.get(inode);
        return mapping != null && mapping.pfnAt(frames.index(pfn)) == pfn ? mapping : null;
    }

    /** Pages in the cache, all mappings. */
    public long pages() {
        return pages;
    }

    /** Pages of the block devices' mappings ({@code nr_blockdev_pages()}). */
    public long blockdevPages() {
        long sum = 0;
        for (AddressSpace bdev : blockdevs) {
            sum += bdev.nrpages;
        }
        return sum;
    }

    public PageFrames frames() {
        return frames;
    }

    public VmStat vmstat() {
        return vmstat;
    }

    public SimClock clock() {
        return clock;
    }

    public long pagesRead() {
        return pagesRead;
    }

    public Disk disk() {
        return disk;
    }

    private void lruAddFile(long pfn, int shadow) {
        if (lru != null) {
            lru.addFile(pfn, shadow);
        } else {
            beforeLru.add(pfn);
            beforeLru.add((long) shadow);
        }
    }

    /** Puts the cache's pages on reclaim's LRU lists from now on ({@code lru_cache_add()} once reclaim is up). */
    public void registerLru(Lru lists) {
        this.lru = java.util.Objects.requireNonNull(lists, "lists");
        for (int i = 0; i < beforeLru.size(); i++) {
            long event = beforeLru.get(i);
            if (event < 0) {
                lists.markAccessed(-1 - event);
            } else {
                lists.addFile(event, beforeLru.get(++i).intValue());
            }
        }
        beforeLru.clear();
    }
}
