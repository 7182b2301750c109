package org.mmsim.kalloc.blockdev;

import org.mmsim.api.kernel.BlockQueue;
import org.mmsim.api.time.SimClock;
import org.mmsim.api.time.SimEvent;

/**
 * The simulated disk (one virtio disk, {@code fe:00}) behind every file and the block device: what a block holds, and
 * its request queue.
 *
 * <p>Content: a block never written holds bytes fixed by its file and offset ({@link #diskContent}); a block written
 * back holds the content token it was written with, remembered per (inode, index), so a page dropped from the cache
 * and read again holds what was last written.
 *
 * <p>Time is the {@link BlockQueue}'s, which swap shares: writes go as requests of at most {@link
 * BlockQueue#MAX_REQUEST_PAGES} pages of one file, each completing, all its pages at once, when the disk has written
 * it; the pages read(2) had read are one request ({@link #read}), and so are a fault's ({@code UserAccess} in the
 * paging layer waits for them).
 */
public final class Disk {
    private static final int INDEX_BITS = 36;
    /** Not a content token: what the written-block map answers for a block never written. */
    private static final long NEVER_WRITTEN = Long.MIN_VALUE;
    private final BlockQueue queue;
    private final LongLongMap written = new LongLongMap();

    public Disk(BlockQueue queue) {
        this.queue = queue;
    }

    /** The disk's request queue. */
    public BlockQueue queue() {
        return queue;
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

    /** Nanoseconds the disk's bandwidth takes to move {@code pages} pages (no request latency). */
    public long transferNanos(long pages) {
        return pages * 4096 * SimClock.NANOS_PER_SECOND / queue.disk().bandwidth();
    }

    /**
     * Queues a write request of {@code pages} pages; {@code done} runs when the disk has written it.
     *
     * @return when it completes, in simulated nanoseconds since boot
     */
    public long submitWrite(int pages, SimEvent done) {
        return queue.submitWrite(pages, done);
    }

    /**
     * The calling task waits for the pages it has read ({@code filemap_read()} sleeping on the pages its readahead
     * submitted): the plug goes to the queue, behind the requests in flight.
     */
    public void read() {
        queue.ioWait(queue.unplug());
    }

    /** When the last queued request completes (now or earlier if the disk is idle). */
    public long idleAt() {
        return queue.idleAt();
    }
}
