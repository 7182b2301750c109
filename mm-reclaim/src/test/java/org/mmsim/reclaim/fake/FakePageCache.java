package org.mmsim.reclaim.fake;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.physical.PageFlags;

/**
 * The page cache as reclaim sees it ({@code remove_mapping()} and {@code pageout()}), for the reclaim tests: the
 * pages of files by (inode, index), each holding the reference the cache keeps; the shadow entries eviction leaves;
 * writeback that starts on {@link #writePage} (PG_dirty off, PG_writeback on) and ends when the test says
 * ({@link #endWriteback}). {@link #evict} refuses what the real cache refuses: a dirty page, one under writeback,
 * one mapped or referenced by anyone but the cache. What reclaim never calls throws.
 */
public final class FakePageCache implements PageCache {
    private final FakeFrames frames;
    /** pfn to (inode, index) key. */
    private final Map<Long, Long> pages = new HashMap<>();
    private final Map<Long, Long> shadows = new HashMap<>();
    private long writes;
    private long evictions;

    public FakePageCache(FakeFrames frames) {
        this.frames = frames;
    }

    private static long key(long inode, long index) {
        return inode << 32 | index;
    }

    /**
     * A page read into the cache at ({@code inode}, {@code index}): the caller's reference becomes the cache's.
     *
     * @return the shadow eviction left there (taken out), or 0
     */
    public long insert(long pfn, long inode, long index, boolean dirty) {
        frames.setMapping(pfn, inode, index);
        frames.setFlags(pfn, PageFlags.UPTODATE | (dirty ? PageFlags.DIRTY : 0));
        pages.put(pfn, key(inode, index));
        Long shadow = shadows.remove(key(inode, index));
        return shadow == null ? 0 : shadow;
    }

    public boolean contains(long pfn) {
        return pages.containsKey(pfn);
    }

    /** The shadow left at ({@code inode}, {@code index}), or 0. */
    public long shadow(long inode, long index) {
        return shadows.getOrDefault(key(inode, index), 0L);
    }

    /** The disk finished writing {@code pfn}: PG_writeback off. */
    public void endWriteback(long pfn) {
        frames.clearFlags(pfn, PageFlags.WRITEBACK);
    }

    /** Pages {@link #writePage} started writing. */
    public long writes() {
        return writes;
    }

    /** Pages {@link #evict} dropped. */
    public long evictions() {
        return evictions;
    }

    @Override
    public void setPageDirty(long pfn) {
        if (contains(pfn)) {
            frames.setFlags(pfn, PageFlags.DIRTY);
        }
    }

    @Override
    public boolean evict(long pfn, long shadow) {
        if (!contains(pfn) || (frames.flags(pfn) & (PageFlags.DIRTY | PageFlags.WRITEBACK)) != 0
                || frames.refcount(pfn) != 1 || frames.mapcount(pfn) != 0) {
            return false;
        }
        long key = pages.remove(pfn);
        if (shadow != 0) {
            shadows.put(key, shadow);
        }
        evictions++;
        frames.putPage(pfn);
        return true;
    }

    @Override
    public boolean writePage(long pfn) {
        int flags = frames.flags(pfn);
        if (!contains(pfn) || (flags & PageFlags.DIRTY) == 0 || (flags & PageFlags.WRITEBACK) != 0) {
            return false;
        }
        frames.clearFlags(pfn, PageFlags.DIRTY);
        frames.setFlags(pfn, PageFlags.WRITEBACK);
        writes++;
        return true;
    }

    @Override
    public long pages() {
        return pages.size();
    }

    @Override
    public long fileSize(FileRef file) {
        throw unused();
    }

    @Override
    public FileRef file(String path, long size) {
        throw unused();
    }

    @Override
    public FileRef shmem(String name, long size) {
        throw unused();
    }

    @Override
    public Optional<FileRef> lookup(String path) {
        throw unused();
    }

    @Override
    public long getPage(FileRef file, long index) {
        throw unused();
    }

    @Override
    public long findPage(FileRef file, long index) {
        throw unused();
    }

    @Override
    public void registerLru(org.mmsim.api.kernel.Lru lru) {
        throw unused();
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("reclaim does not call this");
    }
}
