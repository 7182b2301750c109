package org.mmsim.kalloc.filemap;

import java.util.HashMap;
import java.util.Map;
import org.mmsim.api.kalloc.FileIo;
import org.mmsim.api.kalloc.TaskIo;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.kernel.PageFrames;

/**
 * {@code read()} and {@code write()} through the page cache (mm/filemap.c): {@code filemap_read()} with
 * {@code filemap_get_pages()}, and {@code generic_perform_write()}; each task's I/O accounting
 * ({@code task_io_account_read()}, {@code task_io_account_write()}), and one readahead state per task and file (each
 * task has its own open file).
 */
public final class ReadWrite {
    /** {@code PAGEVEC_SIZE}: pages {@code filemap_get_read_batch()} gathers at most. */
    private static final int BATCH = 31;
    /** Files are limited to 2^31 pages (8 TiB), the range the page bitmaps index. */
    public static final long MAX_BYTES = (long) Integer.MAX_VALUE << 12;
    private final FilePages cache;
    private final Readahead readahead;
    private final PageFrames frames;
    private DirtyThrottle throttle = pid -> 0;
    private final Map<Long, RaState> raStates = new HashMap<>();
    private final Map<Integer, long[]> io = new HashMap<>();
    private long lastRaKey;
    private RaState lastRa;
    private int lastIoPid;
    private long[] lastIo;

    public ReadWrite(FilePages cache, Readahead readahead) {
        this.cache = cache;
        this.readahead = readahead;
        this.frames = cache.frames();
    }

    /** Sets what throttles writers ({@code balance_dirty_pages()}). */
    public void setThrottle(DirtyThrottle throttle) {
        this.throttle = throttle;
    }

    /** The readahead state of task {@code pid}'s open file of {@code mapping}. */
    public RaState raState(int pid, AddressSpace mapping) {
        long key = ((long) pid << 40) | mapping.inode();
        if (key != lastRaKey || lastRa == null) {
            // One task reading one file over and over is the common case: remember it, no boxing per call.
            lastRa = raStates.computeIfAbsent(key, k -> new RaState());
            lastRaKey = key;
        }
        return lastRa;
    }

    private long[] io(int pid) {
        if (pid != lastIoPid || lastIo == null) {
            lastIo = io.computeIfAbsent(pid, p -> new long[7]);
            lastIoPid = pid;
        }
        return lastIo;
    }

    /** Task {@code pid}'s I/O accounting. */
    public TaskIo taskIo(int pid) {
        long[] a = io.getOrDefault(pid, new long[7]);
        return new TaskIo(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    }

    private static void checkRange(long offset, long length) {
        if (offset < 0 || length < 0 || offset > MAX_BYTES - length) {
            throw new SyscallException("EINVAL", "offset " + offset + " length " + length);
        }
    }

    /** Pages of {@code [from, to)} that are not cached. */
    private static long missing(AddressSpace mapping, long from, long to) {
        long missing = 0;
        for (long i = from; i < to; i++) {
            long next = mapping.nextCached(i);
            if (next < 0 || next >= to) {
                return missing + (to - i);
            }
            missing += next - i;
            i = next;
        }
        return missing;
    }

    /**
     * {@code filemap_get_read_batch()}: cached pages from {@code index} on, up to a gap, a PG_readahead page or max,
     * their pfns put in {@link #batch}.
     */
    private int readBatch(AddressSpace mapping, long index, long max) {
        int n = 0;
        while (n < BATCH && index + n <= max) {
            long pfn = cache.find(mapping, index + n);
            if (pfn < 0) {
                break;
            }
            batch[n++] = pfn;
            if (cache.isReadahead(pfn)) {
                break;
            }
        }
        return n;
    }

    private final long[] batch = new long[BATCH];

    /** {@code filemap_read()} of {@code length} bytes at {@code pos} by task {@code pid}. */
    public FileIo read(int pid, AddressSpace mapping, long pos, long length, long[] tokens) {
        checkRange(pos, length);
        long[] acct = io(pid);
        acct[2]++;
        long isize = mapping.size();
        if (pos >= isize || length == 0) {
            return new FileIo(0, 0, 0, 0, 0, 0, 0);
        }
        long end = Math.min(pos + length, isize);
        RaState ra = raState(pid, mapping);
        long index = pos >>> 12;
        long lastIndex = (pos + length + 4095) >>> 12;
        long endIndex = (end + 4095) >>> 12;
        long misses = missing(mapping, index, endIndex);
        long inBefore = cache.pagesRead();
        int copied = 0;
        while (index < endIndex) {
            int n = readBatch(mapping, index, lastIndex - 1);
            if (n == 0) {
                readahead.syncRa(mapping, ra, index, lastIndex - index);
                n = readBatch(mapping, index, lastIndex - 1);
                if (n == 0) {
                    // filemap_create_folio(): readahead could not read it (no memory); try the one page.
                    long added = cache.add(mapping, index, false);
                    if (added < 0) {
                        if (copied == 0) {
                            throw new SyscallException("ENOMEM", "read of " + mapping.path() + ": no memory for the page cache");
                        }
                        break;
                    }
                    batch[0] = added;
                    n = 1;
                }
            }
            // The batch holds a reference on each page, as filemap_get_pages() does: the readahead below may need
            // memory, and reclaim must not take the pages being copied.
            for (int i = 0; i < n; i++) {
                frames.getPage(batch[i]);
            }
            long last = index + n - 1;
            if (cache.testClearReadahead(batch[n - 1])) {
                readahead.asyncRa(mapping, ra, last, lastIndex - last);
            }
            for (int i = 0; i < n; i++) {
                long pfn = batch[i];
                if (index < endIndex) {
                    // filemap_read() marks each page it copies from accessed: a second read activates it.
                    cache.markAccessed(pfn);
                    if (tokens != null) {
                        tokens[copied] = frames.content(pfn);
                    }
                    copied++;
                    index++;
                }
                frames.putPage(pfn);
            }
        }
        long bytes = Math.min(end, index << 12) - pos;
        // filemap_read() leaves prev_pos at the end of what it read.
        ra.prevPos = pos + bytes;
        long pagesIn = cache.pagesRead() - inBefore;
        cache.disk().read();
        acct[0] += bytes;
        acct[4] += pagesIn << 12;
        return new FileIo(bytes, copied, copied - Math.min(misses, copied), Math.min(misses, copied), pagesIn, 0, 0);
    }

    /**
     * {@code generic_perform_write()} of {@code length} bytes at {@code pos} by task {@code pid}: each page is found or
     * added ({@code write_begin}: a partial write of a page inside the file reads it first), gets its new content, is
     * marked dirty, and the file grows past its end ({@code write_end}); after each newly dirtied page the task may be
     * throttled.
     *
     * @return what was written; the size the file had before is {@code pos + bytes} at most
     */
    public FileIo write(int pid, AddressSpace mapping, long pos, long length, long[] tokens) {
        checkRange(pos, length);
        long[] acct = io(pid);
        acct[3]++;
        if (length == 0) {
            return new FileIo(0, 0, 0, 0, 0, 0, 0);
        }
        long end = pos + length;
        long first = pos >>> 12;
        long last = (end - 1) >>> 12;
        long hits = 0;
        long misses = 0;
        long waited = 0;
        long written = 0;
        int page = 0;
        for (long index = first; index <= last; index++, page++) {
            long pageStart = index << 12;
            long pfn = cache.find(mapping, index);
            if (pfn >= 0) {
                hits++;
            } else {
                boolean whole = pos <= pageStart && end >= pageStart + 4096;
                if (!whole && pageStart < mapping.size()) {
                    // block_write_begin(): a partly written block inside the file is read first.
                    pfn = cache.add(mapping, index, false);
                    misses++;
                } else {
                    pfn = cache.addForWrite(mapping, index);
                }
                if (pfn < 0) {
                    if (written == 0) {
                        throw new SyscallException("ENOMEM", "write to " + mapping.path() + ": no memory for the page cache");
                    }
                    break;
                }
            }
            frames.setContent(pfn, tokens != null ? tokens[page] : cache.nextToken());
            long upTo = Math.min(end, pageStart + 4096);
            written = upTo - pos;
            if (upTo > mapping.size) {
                mapping.size = upTo;
            }
            // generic_perform_write() marks the page accessed as it copies into it.
            cache.markAccessed(pfn);
            if (cache.markDirty(mapping, index, pfn)) {
                acct[5] += 4096;
                waited += throttle.pageDirtied(pid);
            }
        }
        acct[1] += written;
        return new FileIo(written, page, hits, misses, misses, 0, waited);
    }
}
