package org.mmsim.api.kalloc;

/**
 * What one {@code read()}, {@code write()} or {@code fsync()} through the page cache did.
 *
 * @param bytes the bytes transferred (a read stops at the end of the file)
 * @param pages the pages of the file the call covered
 * @param hits pages it found in the page cache, up to date (no I/O: a minor event)
 * @param misses pages it had to wait for the disk to read (a read's synchronous misses, or a partial write's
 *     read of the page it changes)
 * @param pagesIn pages this call read from disk, readahead included (pgpgin counts them in KiB)
 * @param pagesOut pages this call sent to the disk ({@code fsync()}'s writeback)
 * @param waitedNanos simulated time the task slept: throttled in {@code balance_dirty_pages()}, or waiting for
 *     writeback
 */
public record FileIo(long bytes, long pages, long hits, long misses, long pagesIn, long pagesOut, long waitedNanos) {
}
