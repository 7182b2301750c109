package org.mmsim.kalloc.blockdev;

import org.mmsim.api.time.SimClock;
import org.mmsim.api.time.SimEvent;
import org.mmsim.api.time.Timers;

/**
 * The simulated disk (one virtio disk, {@code fe:00}) behind every file and the block device: what a block holds, and
 * how long writing takes.
 *
 * <p>Content: a block never written holds bytes fixed by its file and offset ({@link #diskContent}); a block written
 * back holds the content token it was written with, remembered per (inode, index), so a page dropped from the cache
 * and read again holds what was last written.
 *
 * <p>Time: writes are served one request after another (a FIFO queue) at {@link #BANDWIDTH} bytes per second, the
 * write bandwidth mm/page-writeback.c assumes for a new device before it has measured one ({@code INIT_BW}, 100 MiB/s):
 * 1 MiB takes 10 ms. A request carries at most {@link #MAX_REQUEST_PAGES} pages ({@code BIO_MAX_VECS}, one bio) of
 * one file; it completes, all its pages at once, when the disk has written it. read(2) waits for the pages it had
 * read in the same queue and at the same rate ({@link #read}); a major fault's wait (100 µs, in the paging layer)
 * stands for its own read.
 */
public final class Disk {
    /** {@code INIT_BW} in mm/page-writeback.c: 100 MiB/s. */
    public static final long BANDWIDTH = 100L << 20;
    /** {@code BIO_MAX_VECS} (include/linux/bio.h): pages in one bio. */
    public static final int MAX_REQUEST_PAGES = 256;
    private static final int INDEX_BITS = 36;
    /** Not a content token: what the written-block map answers for a block never written. */
    private static final long NEVER_WRITTEN = Long.MIN_VALUE;
    private final SimClock clock;
    private final Timers timers;
    private final LongLongMap written = new LongLongMap();
    private long busyUntil;

    public Disk(SimClock clock, Timers timers) {
        this.clock = clock;
        this.timers = timers;
    }

    /** The bytes of a disk file's page never written: fixed by the file and the offset, never zero. */
    public static long diskContent(long inode, long index) {
        long x = inode * 0x9E3779B97F4A7C15L + index;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        return (x ^ (x >>> 29)) | 1;
    }

    private static long key(long inode, long index) {
        return (inode << INDEX_BITS) | index;
    }

    /** What the block of {@code inode} at page {@code index} holds on disk. */
    public long content(long inode, long index) {
        long token = written.get(key(inode, index), NEVER_WRITTEN);
        return token != NEVER_WRITTEN ? token : diskContent(inode, index);
    }

    /** Stores {@code token} in the block ({@code end_bio} of a write). */
    public void store(long inode, long index, long token) {
        written.put(key(inode, index), token);
    }

    /** Blocks that hold written content. */
    public int writtenBlocks() {
        return written.size();
    }

    /** Nanoseconds the disk takes to write (or read) {@code pages} pages. */
    public static long writeNanos(long pages) {
        return pages * 4096 * SimClock.NANOS_PER_SECOND / BANDWIDTH;
    }

    /**
     * Queues a write request of {@code pages} pages; {@code done} runs when the disk has written it.
     *
     * @return when it completes, in simulated nanoseconds since boot
     */
    public long submitWrite(int pages, SimEvent done) {
        long now = clock.nanos();
        long start = Math.max(now, busyUntil);
        busyUntil = start + writeNanos(pages);
        timers.schedule(busyUntil - now, done);
        return busyUntil;
    }

    /**
     * The calling task reads {@code pages} pages and waits for them ({@code filemap_read()} sleeping on the pages its
     * readahead submitted): queued after the requests in flight, at {@link #BANDWIDTH}.
     */
    public void read(long pages) {
        if (pages <= 0) {
            return;
        }
        long now = clock.nanos();
        busyUntil = Math.max(now, busyUntil) + writeNanos(pages);
        timers.sleep(busyUntil - now);
    }

    /** When the last queued request completes (now or earlier if the disk is idle). */
    public long idleAt() {
        return Math.max(busyUntil, clock.nanos());
    }
}
