package org.mmsim.reclaim.swap;

import org.mmsim.api.reclaim.SwapDevice;
import org.mmsim.spi.util.LongPagedArray;

/**
 * The default {@link SwapDevice}: a disk that keeps each slot's token until it is written again, one paged array per
 * area so an area costs memory only where it holds pages. A discard leaves the block as it was, as a disk without
 * TRIM does.
 */
public final class BlockSwapDevice implements SwapDevice {
    private final LongPagedArray[] blocks = new LongPagedArray[SwapAreas.MAX];

    /** An empty device; {@code swapon} gives each area its blocks. */
    public BlockSwapDevice() {
    }

    @Override
    public void swapon(int type, long slots) {
        blocks[type] = new LongPagedArray(slots);
    }

    @Override
    public void swapoff(int type) {
        blocks[type] = null;
    }

    @Override
    public void write(int type, long offset, long token) {
        blocks[type].set(offset, token);
    }

    @Override
    public long read(int type, long offset) {
        return blocks[type].get(offset);
    }

    @Override
    public void discard(int type, long offset) {
        // A disk keeps the block; the next write to the slot replaces it.
    }
}
