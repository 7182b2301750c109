package org.mmsim.reclaim.fake;

import java.util.BitSet;
import java.util.function.LongConsumer;
import org.mmsim.api.physical.BadPageException;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;

/**
 * The frames and the page allocator of a small machine, for the reclaim tests: plain arrays by pfn, order-0 pages
 * only. As the physical layer does, the last {@link #putPage} frees the page: a page still on an LRU list leaves it
 * first (the {@code releaseLru} hook, the reclaim layer's own), and the frame forgets its flags, mapping and content.
 * It refuses what the real frame table refuses, so a test sees reclaim break a rule at the moment it does: a put or
 * a get of a free page, a map count below zero, and freeing a page that page tables still map.
 */
public final class FakeFrames implements PageFrames, PageAllocator {
    private final int frames;
    private final int[] flags;
    private final int[] refcount;
    private final int[] mapcount;
    private final long[] mapping;
    private final long[] index;
    private final long[] content;
    private final BitSet free = new BitSet();
    /** No frame below it is free: where the search for a free frame starts. */
    private int lowestFree;
    private LongConsumer releaseLru = pfn -> {
        throw new IllegalStateException("pfn " + pfn + " is on an LRU list, and no LRU lists are wired in");
    };
    private LongConsumer onFree = pfn -> { };
    /** Allocations that may still succeed; -1 for no limit. */
    private long budget = -1;
    private long frees;

    public FakeFrames(int frames) {
        this.frames = frames;
        flags = new int[frames];
        refcount = new int[frames];
        mapcount = new int[frames];
        mapping = new long[frames];
        index = new long[frames];
        content = new long[frames];
        free.set(0, frames);
    }

    /** What frees a page that is on an LRU list ({@code ReclaimHook.releaseLru}): the LRU lists' release. */
    public void releaseLruWith(LongConsumer release) {
        this.releaseLru = release;
    }

    /** Told of every page freed, after it left its LRU list and before the frame is reset. */
    public void onFree(LongConsumer listener) {
        this.onFree = listener;
    }

    /** Limits the allocations that may still succeed; -1 lifts the limit. */
    public void budget(long allocations) {
        this.budget = allocations;
    }

    public int frames() {
        return frames;
    }

    public boolean isFree(long pfn) {
        return free.get((int) pfn);
    }

    public long freeFrames() {
        return free.cardinality();
    }

    public long frees() {
        return frees;
    }

    @Override
    public long allocPages(int gfp, int order) {
        return allocIn(0, frames, order);
    }

    /** The lowest free frame of {@code [from, to)}, as {@link #allocPages} takes it; {@link #NO_PAGE} if none. */
    public long allocIn(long from, long to, int order) {
        if (order != 0) {
            throw new UnsupportedOperationException("the fake allocator has order-0 pages only");
        }
        if (budget == 0) {
            return NO_PAGE;
        }
        int pfn = free.nextSetBit((int) Math.max(from, lowestFree));
        if (pfn < 0 || pfn >= to) {
            return NO_PAGE;
        }
        free.clear(pfn);
        if (pfn == lowestFree) {
            lowestFree = pfn + 1;
        }
        refcount[pfn] = 1;
        if (budget > 0) {
            budget--;
        }
        return pfn;
    }

    @Override
    public void freePages(long pfn, int order) {
        if (order != 0 || isFree(pfn)) {
            throw new BadPageException(pfn, order, null, "not allocated at that order");
        }
        putPage(pfn);
    }

    @Override
    public void splitPage(long pfn, int order) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void drainAllPages() {
    }

    @Override
    public void setCurrentCpu(int cpu) {
    }

    private int allocated(long pfn, String what) {
        if (pfn < 0 || pfn >= frames || free.get((int) pfn)) {
            throw new IllegalStateException(what + " of pfn " + pfn + ", which is free");
        }
        return (int) pfn;
    }

    @Override
    public long mapping(long pfn) {
        return mapping[(int) pfn];
    }

    @Override
    public long index(long pfn) {
        return index[(int) pfn];
    }

    @Override
    public void setMapping(long pfn, long mappingId, long pageIndex) {
        mapping[(int) pfn] = mappingId;
        index[(int) pfn] = pageIndex;
    }

    @Override
    public int flags(long pfn) {
        return flags[(int) pfn];
    }

    @Override
    public void setFlags(long pfn, int mask) {
        flags[allocated(pfn, "setFlags " + PageFlags.describe(mask))] |= mask;
    }

    @Override
    public void clearFlags(long pfn, int mask) {
        flags[(int) pfn] &= ~mask;
    }

    @Override
    public int refcount(long pfn) {
        return refcount[(int) pfn];
    }

    @Override
    public void getPage(long pfn) {
        refcount[allocated(pfn, "get_page")]++;
    }

    @Override
    public boolean putPage(long pfn) {
        int p = allocated(pfn, "put_page");
        if (refcount[p] > 1) {
            refcount[p]--;
            return false;
        }
        if (mapcount[p] != 0) {
            throw new IllegalStateException("pfn " + pfn + " freed while " + mapcount[p] + " page-table entries map it");
        }
        if ((flags[p] & PageFlags.LRU) != 0) {
            releaseLru.accept(pfn);
            if ((flags[p] & PageFlags.LRU) != 0) {
                throw new IllegalStateException("pfn " + pfn + " freed on an LRU list");
            }
        }
        onFree.accept(pfn);
        refcount[p] = 0;
        flags[p] = 0;
        mapping[p] = 0;
        index[p] = 0;
        content[p] = 0;
        free.set(p);
        lowestFree = Math.min(lowestFree, p);
        frees++;
        return true;
    }

    @Override
    public int mapcount(long pfn) {
        return mapcount[(int) pfn];
    }

    @Override
    public void incMapcount(long pfn) {
        mapcount[allocated(pfn, "map")]++;
    }

    @Override
    public void decMapcount(long pfn) {
        int p = allocated(pfn, "unmap");
        if (mapcount[p] <= 0) {
            throw new IllegalStateException("pfn " + pfn + ": mapcount would go below zero");
        }
        mapcount[p]--;
    }

    @Override
    public long content(long pfn) {
        return content[(int) pfn];
    }

    @Override
    public void setContent(long pfn, long token) {
        content[allocated(pfn, "write")] = token;
    }
}
