package org.mmsim.physical.init;

import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFrames;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.util.LongPagedArray;
import org.mmsim.physical.buddy.FrameTable;

/**
 * The frame table as the other layers use it: flags, references, map counts, and each frame's content token, kept
 * in chunks allocated as frames come into use. The last {@link #putPage} frees the page.
 */
final class Frames implements PageFrames {
    private final FrameTable table;
    private final LongPagedArray content;
    private final PageAllocator allocator;

    Frames(FrameTable table, LongPagedArray content, PageAllocator allocator) {
        this.table = table;
        this.content = content;
        this.allocator = allocator;
    }

    private static int index(long pfn) {
        return (int) pfn;
    }

    @Override
    public int flags(long pfn) {
        return table.flags(index(pfn));
    }

    @Override
    public void setFlags(long pfn, int mask) {
        table.set(index(pfn), mask & ~PageFlags.BUDDY);
    }

    @Override
    public void clearFlags(long pfn, int mask) {
        table.clear(index(pfn), mask & ~PageFlags.BUDDY);
    }

    @Override
    public int refcount(long pfn) {
        return table.refcount(index(pfn));
    }

    @Override
    public void getPage(long pfn) {
        table.setRefcount(index(pfn), table.refcount(index(pfn)) + 1);
    }

    @Override
    public boolean putPage(long pfn) {
        int count = table.refcount(index(pfn));
        if (count > 1) {
            table.setRefcount(index(pfn), count - 1);
            return false;
        }
        allocator.freePages(pfn, Math.max(0, table.allocatedOrder(index(pfn))));
        return true;
    }

    @Override
    public int mapcount(long pfn) {
        return table.mapcount(index(pfn));
    }

    @Override
    public void incMapcount(long pfn) {
        table.setMapcount(index(pfn), table.mapcount(index(pfn)) + 1);
    }

    @Override
    public void decMapcount(long pfn) {
        int count = table.mapcount(index(pfn));
        if (count <= 0) {
            throw new IllegalStateException(String.format("pfn %#x: mapcount would go below zero", pfn));
        }
        table.setMapcount(index(pfn), count - 1);
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
