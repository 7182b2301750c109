package org.mmsim.physical.init;

import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.ReclaimHook;
import org.mmsim.spi.util.LongPagedArray;
import org.mmsim.physical.buddy.FrameTable;

/**
 * The frame table as the other layers use it: flags, references, map counts, and each frame's content token, kept
 * in chunks allocated as frames come into use. The last {@link #putPage} frees the page.
 */
final class Frames implements PageFrames {
    private final FrameTable table;
    private final LongPagedArray content;
    private final LongPagedArray mapping;
    private final LongPagedArray index;
    private final PageAllocator allocator;
    private ReclaimHook reclaim;

    Frames(FrameTable table, LongPagedArray content, PageAllocator allocator, ReclaimHook reclaim) {
        this.reclaim = reclaim;
        this.table = table;
        this.content = content;
        this.mapping = new LongPagedArray(table.frames());
        this.index = new LongPagedArray(table.frames());
        this.allocator = allocator;
    }

    /** The reclaim layer, once it is up: a page freed from an LRU list leaves it through this hook. */
    void registerReclaim(ReclaimHook hook) {
        this.reclaim = hook;
    }

    private static int slot(long pfn) {
        return (int) pfn;
    }

    @Override
    public long mapping(long pfn) {
        return mapping.get(pfn);
    }

    @Override
    public long index(long pfn) {
        return index.get(pfn);
    }

    @Override
    public void setMapping(long pfn, long mappingId, long pageIndex) {
        mapping.set(pfn, mappingId);
        index.set(pfn, pageIndex);
    }

    @Override
    public int flags(long pfn) {
        return table.flags(slot(pfn));
    }

    @Override
    public void setFlags(long pfn, int mask) {
        table.set(slot(pfn), mask & ~PageFlags.BUDDY);
    }

    @Override
    public void clearFlags(long pfn, int mask) {
        table.clear(slot(pfn), mask & ~PageFlags.BUDDY);
    }

    @Override
    public int refcount(long pfn) {
        return table.refcount(slot(pfn));
    }

    @Override
    public void getPage(long pfn) {
        table.setRefcount(slot(pfn), table.refcount(slot(pfn)) + 1);
    }

    @Override
    public boolean putPage(long pfn) {
        int count = table.refcount(slot(pfn));
        if (count > 1) {
            table.setRefcount(slot(pfn), count - 1);
            return false;
        }
        if ((table.flags(slot(pfn)) & PageFlags.LRU) != 0) {
            reclaim.releaseLru(pfn);
        }
        // free_pages_prepare(): the page forgets its mapping.
        setMapping(pfn, 0, 0);
        allocator.freePages(pfn, Math.max(0, table.allocatedOrder(slot(pfn))));
        return true;
    }

    @Override
    public int mapcount(long pfn) {
        return table.mapcount(slot(pfn));
    }

    @Override
    public void incMapcount(long pfn) {
        table.setMapcount(slot(pfn), table.mapcount(slot(pfn)) + 1);
    }

    @Override
    public void decMapcount(long pfn) {
        int count = table.mapcount(slot(pfn));
        if (count <= 0) {
            throw new IllegalStateException(String.format("pfn %#x: mapcount would go below zero", pfn));
        }
        table.setMapcount(slot(pfn), count - 1);
    }

    @Override
    public long content(long pfn) {
        return content.get(pfn);
    }

    @Override
    public void setContent(long pfn, long token) {
        content.set(pfn, token);
    }
}
