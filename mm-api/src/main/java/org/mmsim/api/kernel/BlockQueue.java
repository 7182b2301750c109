package org.mmsim.api.kernel;

import org.mmsim.api.DiskSpec;
import org.mmsim.api.time.SimEvent;

/**
 * The disk's request queue (block/blk-core.c, block/blk-mq.c, and the task's plug of block/blk-core.c's {@code
 * blk_start_plug()}): files and swap share it. Requests are served one at a time, in order, each taking the disk's
 * latency plus its bytes over its bandwidth ({@link DiskSpec#serviceNanos}); a request carries at most {@link
 * #MAX_REQUEST_PAGES}.
 *
 * <p>Reading or writing a page adds it to the plug ({@link #plugRead}, {@link #plugWrite}), as bios of adjacent
 * sectors merge in a plug; {@link #unplug} ({@code blk_finish_plug()}) submits what the plug holds, reads as one
 * request and writes as another, as the page cache's readahead, swap readahead and reclaim's {@code
 * shrink_lruvec()} finish their plugs. A plug that fills a request submits it at once. A request submitted while
 * {@link #NR_REQUESTS} are in flight makes its submitter wait for the oldest to complete, when waits are deferred
 * (a task of the scenario's loops: {@link #deferWaits}); kswapd does not swap out while the queue is {@link
 * #congested}.
 *
 * <p>The queue counts {@code pgpgin} and {@code pgpgout} (KiB) when a request completes, so that over any interval
 * they show at most what the disk moves in it, plus the request in service when the interval began.
 * Linux counts them in {@code submit_bio()}, but its submitters cannot outrun the disk for long (a full queue has no
 * tag to give, reclaim does not free a page under writeback); mmsim frees a swapped-out page at once and lets the
 * queue hold its write, so counting at completion is what keeps the rates true. Calls come from the simulation's
 * one thread.
 */
public interface BlockQueue {
    /** {@code BIO_MAX_VECS} (include/linux/bio.h): pages in one bio, and so in one request here. */
    int MAX_REQUEST_PAGES = 256;
    /**
     * {@code BLKDEV_DEFAULT_RQ} (include/linux/blkdev.h), the queue's {@code nr_requests}: requests in flight at most
     * before a submitter waits for a tag ({@code blk_mq_get_tag()}).
     */
    int NR_REQUESTS = 128;

    /** The disk's bandwidth and latency. */
    DiskSpec disk();

    /** Adds {@code pages} pages read to the plug. */
    void plugRead(int pages);

    /** Adds {@code pages} pages written to the plug. */
    void plugWrite(int pages);

    /**
     * Submits what the plug holds ({@code blk_finish_plug()}).
     *
     * @return when the last read queued (now or before) completes, in simulated nanoseconds since boot: what a task
     *     waiting for the pages it read waits until
     */
    long unplug();

    /**
     * Queues a write request of {@code pages} pages (1 to {@link #MAX_REQUEST_PAGES}) at once, after the plug's;
     * {@code done} runs when the disk has written it ({@code end_bio}).
     *
     * @return when it completes, in simulated nanoseconds since boot
     */
    long submitWrite(int pages, SimEvent done);

    /** When the last queued request completes (now, if the disk is idle). */
    long idleAt();

    /** Whether {@link #NR_REQUESTS} requests are in flight: a new one would wait for a tag. */
    boolean congested();

    /**
     * The running task waits for the disk until {@code doneNanos} ({@code io_schedule()}): simulated time passes and
     * the events due on the way run, unless the waits are deferred ({@link #deferWaits}); nothing if that is past.
     */
    void ioWait(long doneNanos);

    /**
     * Whether {@link #ioWait} only notes when the task would wake rather than letting time pass: for a scheduler that
     * runs several tasks side by side, so that one task's wait for the disk does not stop the others.
     */
    void deferWaits(boolean defer);

    /** When the task whose waits were deferred wakes, 0 if it did not wait; the next task starts afresh. */
    long takeDeferredWait();
}
