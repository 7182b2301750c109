package org.mmsim.reclaim.fake;

import org.mmsim.api.DiskSpec;
import org.mmsim.api.kernel.BlockQueue;
import org.mmsim.api.time.SimEvent;

/**
 * A request queue for the reclaim tests, where time does not pass: it counts the pages swap plugged for reading and
 * writing, and what it was asked to submit.
 */
public final class FakeBlockQueue implements BlockQueue {
    private long read;
    private long written;
    private int plugged;
    private int unplugs;

    @Override
    public DiskSpec disk() {
        return DiskSpec.defaults();
    }

    @Override
    public void plugRead(int pages) {
        read += pages;
        plugged += pages;
    }

    @Override
    public void plugWrite(int pages) {
        written += pages;
        plugged += pages;
    }

    @Override
    public long unplug() {
        if (plugged > 0) {
            unplugs++;
            plugged = 0;
        }
        return 0;
    }

    @Override
    public long submitWrite(int pages, SimEvent done) {
        throw new UnsupportedOperationException("swap writes through the plug");
    }

    @Override
    public long idleAt() {
        return 0;
    }

    @Override
    public boolean congested() {
        return false;
    }

    @Override
    public void ioWait(long doneNanos) {
        // No time passes here.
    }

    @Override
    public void deferWaits(boolean defer) {
        throw new UnsupportedOperationException("no tasks run here");
    }

    @Override
    public long takeDeferredWait() {
        return 0;
    }

    /** Pages plugged for reading since the start. */
    public long pagesRead() {
        return read;
    }

    /** Pages plugged for writing since the start. */
    public long pagesWritten() {
        return written;
    }

    /** Pages in the plug, not submitted yet. */
    public int plugged() {
        return plugged;
    }

    /** Unplugs that submitted something. */
    public int unplugs() {
        return unplugs;
    }
}
