package org.mmsim.reclaim.fake;

import java.util.HashMap;
import java.util.Map;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.Lru;
import org.mmsim.api.reclaim.LruList;

/**
 * LRU lists that only remember: which pages joined (PG_lru set) and the shadow each swap-in brought, for tests of
 * swap, which feeds the lists but does not scan them.
 */
public final class FakeLru implements Lru {
    private final FakeFrames frames;
    /** The shadow each page swapped in came with, by pfn, while it is on the lists. */
    public final Map<Long, Long> swapIns = new HashMap<>();

    public FakeLru(FakeFrames frames) {
        this.frames = frames;
    }

    private void add(long pfn) {
        if ((frames.flags(pfn) & PageFlags.LRU) != 0) {
            throw new IllegalStateException("pfn " + pfn + " is on an LRU list already");
        }
        frames.setFlags(pfn, PageFlags.LRU);
    }

    @Override
    public void addAnon(long pfn, boolean locked) {
        add(pfn);
    }

    @Override
    public void addFile(long pfn, long shadow) {
        add(pfn);
    }

    @Override
    public void addSwapIn(long pfn, long shadow) {
        add(pfn);
        swapIns.put(pfn, shadow);
    }

    @Override
    public void release(long pfn) {
        frames.clearFlags(pfn, PageFlags.LRU);
        swapIns.remove(pfn);
    }

    @Override
    public void markAccessed(long pfn) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void mlock(long pfn) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void munlock(long pfn) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long pages(LruList list) {
        throw new UnsupportedOperationException();
    }
}
