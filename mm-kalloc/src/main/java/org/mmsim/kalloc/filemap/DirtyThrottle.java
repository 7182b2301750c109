package org.mmsim.kalloc.filemap;

/** {@code balance_dirty_pages_ratelimited()} (mm/page-writeback.c), as the write path calls it after each page. */
public interface DirtyThrottle {
    /**
     * Task {@code pid} dirtied one more page; it may be throttled.
     *
     * @return the simulated nanoseconds it slept
     */
    long pageDirtied(int pid);
}
