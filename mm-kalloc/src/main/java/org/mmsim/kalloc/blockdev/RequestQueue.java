package org.mmsim.kalloc.blockdev;

import org.mmsim.api.DiskSpec;
import org.mmsim.api.kernel.BlockQueue;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;
import org.mmsim.api.time.SimEvent;
import org.mmsim.api.time.Timers;

/**
 * The disk's request queue ({@link BlockQueue}): a single hardware queue served in order, one request at a time,
 * as a queue depth of 1 and the {@code none} scheduler of block/blk-mq.c would. Each request occupies the disk for
 * {@link DiskSpec#serviceNanos} of its bytes from when the one before it completes (or from its submission, if the
 * disk is idle).
 *
 * <p>Requests in flight are a ring of primitive completion times and sizes, not objects; one completion event,
 * scheduled for the oldest request, counts {@code pgpgin}/{@code pgpgout} for every request done by then and
 * schedules itself for the next, so a request costs no allocation.
 */
public final class RequestQueue implements BlockQueue {
    private static final int PAGE_KIB = 4;
    private final DiskSpec disk;
    private final SimClock clock;
    private final Timers timers;
    private final VmStat vmstat;
    private final SimEvent completion = this::complete;
    /** Completion time, KiB read and KiB written of each request in flight, oldest at {@link #head}. */
    private long[] doneAt = new long[64];
    private int[] kibIn = new int[64];
    private int[] kibOut = new int[64];
    private int head;
    private int size;
    private long busyUntil;
    private long lastReadDone;
    private int pluggedReads;
    private int pluggedWrites;
    private boolean readsSinceUnplug;
    private boolean deferWaits;
    private long deferredUntil;

    public RequestQueue(DiskSpec disk, SimClock clock, Timers timers, VmStat vmstat) {
        this.disk = disk;
        this.clock = clock;
        this.timers = timers;
        this.vmstat = vmstat;
    }

    @Override
    public DiskSpec disk() {
        return disk;
    }

    @Override
    public void plugRead(int pages) {
        pluggedReads += pages;
        readsSinceUnplug = true;
        while (pluggedReads >= MAX_REQUEST_PAGES) {
            pluggedReads -= MAX_REQUEST_PAGES;
            lastReadDone = queue(MAX_REQUEST_PAGES, false);
        }
    }

    @Override
    public void plugWrite(int pages) {
        pluggedWrites += pages;
        while (pluggedWrites >= MAX_REQUEST_PAGES) {
            pluggedWrites -= MAX_REQUEST_PAGES;
            queue(MAX_REQUEST_PAGES, true);
        }
    }

    @Override
    public long unplug() {
        readsSinceUnplug = false;
        if (pluggedWrites > 0) {
            queue(pluggedWrites, true);
            pluggedWrites = 0;
        }
        if (pluggedReads > 0) {
            lastReadDone = queue(pluggedReads, false);
            pluggedReads = 0;
        }
        return lastReadDone;
    }

    @Override
    public long submitWrite(int pages, SimEvent done) {
        if (pages < 1 || pages > MAX_REQUEST_PAGES) {
            throw new IllegalArgumentException("write of " + pages + " pages; expected 1 to " + MAX_REQUEST_PAGES);
        }
        unplug();
        long at = queue(pages, true);
        timers.schedule(at - clock.nanos(), done);
        return at;
    }

    @Override
    public long idleAt() {
        return Math.max(busyUntil, clock.nanos());
    }

    @Override
    public boolean congested() {
        return size >= NR_REQUESTS;
    }

    @Override
    public void ioWait(long doneNanos) {
        long now = clock.nanos();
        if (doneNanos <= now) {
            return;
        }
        if (deferWaits) {
            deferredUntil = Math.max(deferredUntil, doneNanos);
        } else {
            timers.sleep(doneNanos - now);
        }
    }

    @Override
    public void deferWaits(boolean defer) {
        deferWaits = defer;
    }

    @Override
    public long takeDeferredWait() {
        long until = deferredUntil;
        deferredUntil = 0;
        return until;
    }

    /** Whether reads were plugged since the last {@link #unplug}: the reads a task waits for are this queue's. */
    boolean readsSinceUnplug() {
        return readsSinceUnplug;
    }

    /** Puts one request behind the others: it completes its service time after the disk is free. */
    private long queue(int pages, boolean write) {
        long now = clock.nanos();
        if (size >= NR_REQUESTS && deferWaits) {
            // No tag: the submitter sleeps until the request NR_REQUESTS back completes (blk_mq_get_tag()). Only a
            // task whose waits are deferred can: elsewhere the caller may be in the middle of reclaim.
            deferredUntil = Math.max(deferredUntil, doneAt[(head + size - NR_REQUESTS) % doneAt.length]);
        }
        busyUntil = Math.max(now, busyUntil) + disk.serviceNanos((long) pages << 12);
        if (size == doneAt.length) {
            grow();
        }
        int slot = (head + size) % doneAt.length;
        doneAt[slot] = busyUntil;
        kibIn[slot] = write ? 0 : pages * PAGE_KIB;
        kibOut[slot] = write ? pages * PAGE_KIB : 0;
        if (size++ == 0) {
            timers.schedule(busyUntil - now, completion);
        }
        return busyUntil;
    }

    /** The requests done by {@code now} complete: their KiB count; the event waits for the next one. */
    private void complete(long now) {
        while (size > 0 && doneAt[head] <= now) {
            vmstat.add(VmItem.PGPGIN, kibIn[head]);
            vmstat.add(VmItem.PGPGOUT, kibOut[head]);
            head = (head + 1) % doneAt.length;
            size--;
        }
        if (size > 0) {
            timers.schedule(doneAt[head] - now, completion);
        }
    }

    private void grow() {
        int n = doneAt.length;
        long[] d = new long[n * 2];
        int[] in = new int[n * 2];
        int[] out = new int[n * 2];
        for (int i = 0; i < size; i++) {
            int from = (head + i) % n;
            d[i] = doneAt[from];
            in[i] = kibIn[from];
            out[i] = kibOut[from];
        }
        doneAt = d;
        kibIn = in;
        kibOut = out;
        head = 0;
    }
}
