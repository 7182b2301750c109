package org.mmsim.kalloc.writeback;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmsim.api.kalloc.Writeback;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;
import org.mmsim.api.time.Timers;
import org.mmsim.api.kernel.BlockQueue;
import org.mmsim.kalloc.blockdev.Disk;
import org.mmsim.kalloc.filemap.AddressSpace;
import org.mmsim.kalloc.filemap.DirtyThrottle;
import org.mmsim.kalloc.filemap.FilePages;

/**
 * The flusher and dirty throttling (fs/fs-writeback.c, mm/page-writeback.c).
 *
 * <p>The flusher ({@code wb_workfn()} of the disk's {@code bdi_writeback}) is delayed work in simulated time. The first
 * inode to become dirty queues it {@code dirty_writeback_centisecs} later ({@code wb_wakeup_delayed()}); a writer
 * over the background threshold queues it at once ({@code wb_start_background_writeback()}). Each run
 * ({@code wb_do_writeback()}) does background writeback while NR_FILE_DIRTY is over the background threshold
 * ({@code wb_over_bg_thresh()}), oldest inodes first; otherwise, once every {@code dirty_writeback_centisecs}, periodic
 * writeback ({@code wb_check_old_data_flush()}, "kupdate") of the inodes dirty for longer than
 * {@code dirty_expire_centisecs} (an inode's age is that of its first dirty page, {@code dirtied_when}); then, while
 * inodes stay dirty, it queues itself again a period later. It submits at most {@code MIN_WRITEBACK_PAGES} (1024
 * pages, 4 MiB) at a time, each inode's pages from where it last stopped ({@code writeback_index}), skipping pages
 * already under writeback, and goes on when the disk has written them, in requests of at most 256 pages of one inode
 * on the disk's {@code BlockQueue} (which counts pgpgout as each completes).
 *
 * <p>Throttling ({@code balance_dirty_pages()}): a writer checks the limits after {@code nr_dirtied_pause} pages (32 for
 * a new task, then {@code dirty_poll_interval()}: about the square root of the distance to the limit). Below the
 * freerun ceiling (half-way between the two thresholds) it goes on; above the background threshold it starts the
 * flusher; while NR_FILE_DIRTY + NR_WRITEBACK is over the dirty threshold it sleeps in simulated time, in pauses of the
 * time the disk needs for the excess, between one jiffy and {@code MAX_PAUSE} (200 ms). Linux also slows writers
 * between the freerun ceiling and the limit, to the disk's measured rate ({@code pos_ratio}); that proportional
 * control is not modelled: a writer there goes on at full speed.
 */
public final class Flusher implements Writeback, DirtyThrottle {
    /** {@code MIN_WRITEBACK_PAGES}: 4 MiB. */
    static final int MIN_WRITEBACK_PAGES = 1024;
    /** {@code MAX_PAUSE}: HZ / 5, 200 ms. */
    static final long MAX_PAUSE = 200_000_000L;
    /** One jiffy at HZ = 250. */
    static final long JIFFY = SimClock.NANOS_PER_SECOND / SimClock.HZ;
    private final FilePages cache;
    private final Disk disk;
    private final DirtyLimits limits;
    private final SimClock clock;
    private final Timers timers;
    private final VmStat vmstat;
    private final PageFrames frames;
    private final Map<Integer, long[]> tasks = new HashMap<>();
    private int expireCentisecs = 3000;
    private int writebackCentisecs = 500;
    private long generation;
    private boolean queued;
    private boolean running;
    private long lastOldFlush;
    private boolean kupdate;
    private long kupdateCutoff;
    private boolean startAll;
    private long startAllCutoff;

    public Flusher(FilePages cache, Disk disk, DirtyLimits limits, Timers timers) {
        this.cache = cache;
        this.disk = disk;
        this.limits = limits;
        this.clock = cache.clock();
        this.timers = timers;
        this.vmstat = cache.vmstat();
        this.frames = cache.frames();
        cache.onFirstDirtyInode(this::wakeupDelayed);
    }

    /** {@code msecs_to_jiffies()} at HZ = 250: rounded up. */
    static long msecsToJiffies(long msecs) {
        return (msecs * SimClock.HZ + 999) / 1000;
    }

    // ---- the delayed work item

    /** {@code wb_wakeup_delayed()}: queue the flusher a period from now, unless it is queued or running. */
    void wakeupDelayed() {
        if (!queued && !running && writebackCentisecs > 0) {
            queue(msecsToJiffies(writebackCentisecs * 10L) * JIFFY);
        }
    }

    /** {@code wb_wakeup()}: run the flusher now ({@code mod_delayed_work(..., 0)}), unless it is running. */
    void wakeup() {
        if (!running) {
            queue(0);
        }
    }

    private void queue(long delay) {
        queued = true;
        long mine = ++generation;
        timers.schedule(delay, now -> {
            if (mine == generation) {
                work();
            }
        });
    }

    /** Whether the flusher is writing ({@code writeback_in_progress()}). */
    public boolean running() {
        return running;
    }

    /** {@code wb_workfn()}: one step of writeback; queues the next step, or the next period, or nothing. */
    private void work() {
        queued = false;
        running = true;
        long jiffies = clock.jiffies();
        long wrote = 0;
        if (vmstat.get(VmItem.NR_DIRTY) > limits.limits()[0]) {
            wrote = writeChunk(Long.MAX_VALUE);
        }
        if (wrote == 0 && startAll) {
            wrote = writeChunk(startAllCutoff);
            startAll = wrote > 0;
        }
        if (wrote == 0) {
            long period = msecsToJiffies(writebackCentisecs * 10L);
            if (!kupdate && writebackCentisecs > 0 && jiffies - lastOldFlush >= period) {
                lastOldFlush = jiffies;
                kupdate = true;
                kupdateCutoff = jiffies - msecsToJiffies(expireCentisecs * 10L);
            }
            if (kupdate) {
                wrote = writeChunk(kupdateCutoff);
                kupdate = wrote > 0;
            }
        }
        if (wrote > 0) {
            // The disk has the chunk: go on when it has written it.
            long mine = ++generation;
            timers.schedule(disk.idleAt() - clock.nanos(), now -> {
                if (mine == generation) {
                    work();
                }
            });
            return;
        }
        running = false;
        if (cache.hasDirtyInodes()) {
            wakeupDelayed();
        }
    }

    /**
     * Writes up to MIN_WRITEBACK_PAGES dirty pages, from the inodes dirtied at or before {@code cutoff} (jiffies),
     * oldest first, without waiting ({@code WB_SYNC_NONE}: pages under writeback are skipped).
     *
     * @return pages submitted
     */
    private long writeChunk(long cutoff) {
        long budget = MIN_WRITEBACK_PAGES;
        for (AddressSpace mapping : cache.dirtyInodes()) {
            if (budget == 0) {
                break;
            }
            if (mapping.dirtiedWhen() > cutoff) {
                continue;
            }
            budget -= writePages(mapping, budget);
        }
        return MIN_WRITEBACK_PAGES - budget;
    }

    /**
     * {@code write_cache_pages()}: submits up to {@code max} dirty pages of {@code mapping}, cyclically from its
     * writeback index, in requests of at most a bio; pages under writeback are skipped (a data-integrity caller
     * waits for them first).
     *
     * @return pages submitted
     */
    private long writePages(AddressSpace mapping, long max) {
        long submitted = 0;
        long looked = 0;
        long dirty = mapping.nrDirty();
        long index = mapping.writebackIndex();
        Request request = null;
        while (submitted < max && looked < dirty) {
            long next = mapping.nextDirty(index);
            if (next < 0) {
                next = mapping.nextDirty(0);
                if (next < 0) {
                    break;
                }
            }
            looked++;
            index = next + 1;
            long pfn = cache.find(mapping, next);
            if (cache.underWriteback(pfn)) {
                continue;
            }
            if (request == null || request.count == BlockQueue.MAX_REQUEST_PAGES) {
                submit(request);
                request = new Request(mapping);
            }
            pfn = cache.startWriteback(mapping, next);
            request.add(next, pfn, frames.content(pfn));
            submitted++;
        }
        submit(request);
        mapping.setWritebackIndex(index);
        return submitted;
    }

    /**
     * {@code pageout()}: reclaim found a dirty page at the tail of the inactive list; it goes to the disk alone.
     *
     * @return false if the page is not dirty or is under writeback already
     */
    public boolean pageout(AddressSpace mapping, long index) {
        long pfn = cache.find(mapping, index);
        if (pfn < 0 || cache.underWriteback(pfn) || mapping.nextDirty(index) != index) {
            return false;
        }
        Request request = new Request(mapping);
        pfn = cache.startWriteback(mapping, index);
        request.add(index, pfn, frames.content(pfn));
        submit(request);
        return true;
    }

    private void submit(Request request) {
        if (request != null && request.count > 0) {
            disk.submitWrite(request.count, now -> request.complete());
        }
    }

    /** One write request (a bio): pages of one inode, completing together. */
    private final class Request {
        final AddressSpace mapping;
        final long[] index = new long[BlockQueue.MAX_REQUEST_PAGES];
        final long[] pfn = new long[BlockQueue.MAX_REQUEST_PAGES];
        final long[] token = new long[BlockQueue.MAX_REQUEST_PAGES];
        int count;

        Request(AddressSpace mapping) {
            this.mapping = mapping;
        }

        void add(long i, long p, long t) {
            index[count] = i;
            pfn[count] = p;
            token[count] = t;
            count++;
        }

        /** {@code end_bio}: the disk holds each page's content as it was submitted; writeback ends. */
        void complete() {
            for (int i = 0; i < count; i++) {
                disk.store(mapping.inode(), index[i], token[i]);
                cache.endWriteback(mapping, pfn[i]);
            }
        }
    }

    // ---- data integrity writeback: fsync, sync

    /**
     * {@code file_write_and_wait_range()} over the whole file: waits for its pages already under writeback, submits
     * every dirty page ({@code WB_SYNC_ALL}) and waits until the disk has them all.
     *
     * @return {pages submitted, nanoseconds waited}
     */
    public long[] writeAndWait(List<AddressSpace> mappings) {
        long start = clock.nanos();
        long submitted = 0;
        for (;;) {
            if (mappings.stream().anyMatch(m -> m.nrWriteback() > 0)) {
                // folio_wait_writeback(): the disk serves requests in order, so idle means all of ours are done.
                timers.sleep(disk.idleAt() - clock.nanos());
            }
            if (mappings.stream().noneMatch(m -> m.nrDirty() > 0 || m.nrWriteback() > 0)) {
                return new long[] {submitted, clock.nanos() - start};
            }
            for (AddressSpace mapping : mappings) {
                if (mapping.nrDirty() > 0) {
                    mapping.setWritebackIndex(0);
                    submitted += writePages(mapping, Long.MAX_VALUE);
                }
            }
        }
    }

    // ---- balance_dirty_pages

    @Override
    public long pageDirtied(int pid) {
        long[] task = tasks.computeIfAbsent(pid, p -> new long[] {0, 32});
        if (++task[0] < task[1]) {
            return 0;
        }
        return balanceDirtyPages(task);
    }

    /** {@code dirty_poll_interval()}: pages a task may dirty before it checks again. */
    static long dirtyPollInterval(long dirty, long thresh) {
        if (thresh > dirty) {
            return 1L << ((63 - Long.numberOfLeadingZeros(thresh - dirty)) >> 1);
        }
        return 1;
    }

    private long balanceDirtyPages(long[] task) {
        long waited = 0;
        for (;;) {
            long nrDirty = vmstat.get(VmItem.NR_DIRTY);
            long dirty = nrDirty + vmstat.get(VmItem.NR_WRITEBACK);
            long[] l = limits.limits();
            long bg = l[0];
            long thresh = l[1];
            if (nrDirty > bg && !running) {
                wakeup();
            }
            if (dirty <= thresh) {
                task[0] = 0;
                task[1] = dirtyPollInterval(dirty, thresh);
                return waited;
            }
            long pause = Math.max(JIFFY, Math.min(MAX_PAUSE, disk.transferNanos(dirty - thresh)));
            timers.sleep(pause);
            waited += pause;
        }
    }

    // ---- the tunables

    @Override
    public int dirtyRatio() {
        return limits.dirtyRatio();
    }

    @Override
    public void setDirtyRatio(int percent) {
        limits.setDirtyRatio(percent);
    }

    @Override
    public int dirtyBackgroundRatio() {
        return limits.backgroundRatio();
    }

    @Override
    public void setDirtyBackgroundRatio(int percent) {
        limits.setBackgroundRatio(percent);
    }

    @Override
    public int dirtyExpireCentisecs() {
        return expireCentisecs;
    }

    @Override
    public void setDirtyExpireCentisecs(int centisecs) {
        if (centisecs < 0) {
            throw new IllegalArgumentException("vm.dirty_expire_centisecs " + centisecs + "; expected 0 or more");
        }
        expireCentisecs = centisecs;
    }

    @Override
    public int dirtyWritebackCentisecs() {
        return writebackCentisecs;
    }

    @Override
    public void setDirtyWritebackCentisecs(int centisecs) {
        if (centisecs < 0) {
            throw new IllegalArgumentException("vm.dirty_writeback_centisecs " + centisecs + "; expected 0 or more");
        }
        int old = writebackCentisecs;
        writebackCentisecs = centisecs;
        if (centisecs != 0 && centisecs != old) {
            // dirty_writeback_centisecs_handler(): wakeup_flusher_threads(WB_REASON_PERIODIC) writes everything dirty.
            startAll = true;
            startAllCutoff = clock.jiffies();
            wakeup();
        }
    }

    @Override
    public long dirtyableMemory() {
        return limits.dirtyableMemory();
    }

    @Override
    public long dirtyThreshold() {
        return limits.limits()[1];
    }

    @Override
    public long backgroundThreshold() {
        return limits.limits()[0];
    }

    @Override
    public long diskBandwidth() {
        return disk.queue().disk().bandwidth();
    }
}
