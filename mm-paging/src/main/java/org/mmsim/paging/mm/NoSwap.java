package org.mmsim.paging.mm;

import java.util.List;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.api.reclaim.SwapArea;

/**
 * The swap of a machine without the reclaim layer: no area, so no page ever gets a slot and no entry ever exists.
 * The reclaim layer binds the real one.
 */
public final class NoSwap implements Swap {
    @Override
    public long addToSwapCache(long pfn) {
        return 0;
    }

    @Override
    public long entryOf(long pfn) {
        return 0;
    }

    @Override
    public void writePage(long pfn) {
        throw new IllegalStateException("no swap: page " + pfn + " is not in the swap cache");
    }

    @Override
    public void deleteFromSwapCache(long pfn) {
        throw new IllegalStateException("no swap: page " + pfn + " is not in the swap cache");
    }

    @Override
    public long lookup(long entry) {
        return -1;
    }

    @Override
    public long swapIn(long entry, int gfp) {
        throw new IllegalStateException(String.format("no swap: entry %#x does not exist", entry));
    }

    @Override
    public void duplicate(long entry) {
        throw new IllegalStateException(String.format("no swap: entry %#x does not exist", entry));
    }

    @Override
    public void free(long entry) {
        throw new IllegalStateException(String.format("no swap: entry %#x does not exist", entry));
    }

    @Override
    public int count(long entry) {
        return 0;
    }

    @Override
    public void swapon(String path, long pages, int priority) {
        throw new IllegalStateException("this machine has no reclaim layer to swap with");
    }

    @Override
    public void swapoff(String path) {
        throw new IllegalArgumentException(path + " is not a swap area");
    }

    @Override
    public List<SwapArea> areas() {
        return List.of();
    }

    @Override
    public long totalPages() {
        return 0;
    }

    @Override
    public long freePages() {
        return 0;
    }

    @Override
    public long cachedPages() {
        return 0;
    }

    @Override
    public int pageCluster() {
        return 3;
    }

    @Override
    public void setPageCluster(int value) {
        throw new IllegalStateException("this machine has no reclaim layer to swap with");
    }
}
