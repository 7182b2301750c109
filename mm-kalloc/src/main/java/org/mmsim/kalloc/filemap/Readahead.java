package org.mmsim.kalloc.filemap;

/**
 * Readahead for {@code read()} (mm/readahead.c, Linux 6.18). A miss starts synchronous readahead
 * ({@code page_cache_sync_ra()}): at the start of the file, or right after the previous read, a new window of
 * {@code get_init_ra_size()} pages; after a random jump, only the pages asked for (unless the pages before it are
 * cached, the trace of a sequential stream). The last {@code async_size} pages of a window are read ahead, and the
 * first of them carries PG_readahead: reading that page starts the next window ({@code page_cache_async_ra()}), ramped
 * up by {@code get_next_ra_size()} to at most {@code ra_pages} (32 pages: read_ahead_kb = 128).
 *
 * <p>Pages are order 0 (the mappings do not support large folios), so {@code page_cache_ra_order()} always falls back
 * to {@code do_page_cache_ra()}: never past the page of the file's last byte, and skipping pages already cached.
 */
public final class Readahead {
    /** {@code VM_READAHEAD_PAGES} (include/linux/mm.h): read_ahead_kb = 128. */
    public static final long RA_PAGES = 32;
    /**
     * {@code bdi->io_pages}: the disk's optimal request size, max_sectors_kb = 1280 ({@code BLK_DEF_MAX_SECTORS_CAP},
     * include/linux/blkdev.h); a read larger than the window may read up to that much at once.
     */
    public static final long IO_PAGES = 320;
    private final FilePages cache;

    public Readahead(FilePages cache) {
        this.cache = cache;
    }

    /** {@code roundup_pow_of_two()}. */
    private static long roundupPowOfTwo(long n) {
        return n <= 1 ? 1 : Long.highestOneBit(n - 1) << 1;
    }

    /**
     * {@code get_init_ra_size()}: the first window for a request of {@code size} pages: the request rounded up to a
     * power of two, times 4 if small, times 2 if medium, else the maximum.
     */
    public static long initRaSize(long size, long max) {
        long newSize = roundupPowOfTwo(size);
        if (newSize <= max / 32) {
            return newSize * 4;
        }
        if (newSize <= max / 4) {
            return newSize * 2;
        }
        return max;
    }

    /** {@code get_next_ra_size()}: the next window: 4 times a small one, twice a medium one, at most the maximum. */
    public static long nextRaSize(long cur, long max) {
        if (cur < max / 16) {
            return 4 * cur;
        }
        if (cur <= max / 2) {
            return 2 * cur;
        }
        return max;
    }

    /** {@code ractl_max_pages()}: a request larger than the window may go up to the disk's optimal size. */
    static long maxPages(long request) {
        long max = RA_PAGES;
        if (request > max && IO_PAGES > max) {
            max = Math.min(request, IO_PAGES);
        }
        return max;
    }

    /**
     * {@code page_cache_prev_miss()}: from {@code index} down, at most {@code maxScan} pages, the first index not
     * cached; the last index looked at if all were; -1 (ULONG_MAX) if the scan ran past index 0.
     */
    static long prevMiss(AddressSpace mapping, long index, long maxScan) {
        long x = index + 1;
        while (maxScan-- > 0) {
            x--;
            if (x < 0) {
                return -1;
            }
            if (!mapping.isCached(x)) {
                return x;
            }
        }
        return x;
    }

    /** {@code page_cache_next_miss()}: from {@code index} up, the first index not cached, or index + maxScan. */
    static long nextMiss(AddressSpace mapping, long index, long maxScan) {
        for (long x = index; x < index + maxScan; x++) {
            if (!mapping.isCached(x)) {
                return x;
            }
        }
        return index + maxScan;
    }

    /**
     * {@code page_cache_sync_ra()}: a read of {@code reqCount} pages missed at {@code index}.
     *
     * @return pages read from disk
     */
    public long syncRa(AddressSpace mapping, RaState ra, long index, long reqCount) {
        long maxPages = maxPages(reqCount);
        // prev_pos is a loff_t shifted as unsigned: -1 gives an index far away, never "right after".
        long prevIndex = ra.prevPos >>> 12;
        if (index == 0 || reqCount > maxPages || Long.compareUnsigned(index - prevIndex, 1) <= 0) {
            // A start of file, an oversized read, or a sequential miss: a new window.
            ra.start = index;
            ra.size = initRaSize(reqCount, maxPages);
            ra.asyncSize = ra.size > reqCount ? ra.size - reqCount : ra.size >> 1;
            return readWindow(mapping, ra);
        }
        long miss = prevMiss(mapping, index - 1, maxPages);
        long contigCount = index - miss - 1;
        if (contigCount <= reqCount) {
            // A small random read: read what was asked, leave the state alone.
            return doPageCacheRa(mapping, index, reqCount, 0);
        }
        if (miss == -1) {
            // Cached from the start of the file: a long stream.
            contigCount *= 2;
        }
        ra.start = index;
        ra.size = Math.min(contigCount + reqCount, maxPages);
        ra.asyncSize = 1;
        return readWindow(mapping, ra);
    }

    /**
     * {@code page_cache_async_ra()}: the read reached the page at {@code index}, which carried PG_readahead (the
     * caller cleared it); {@code reqCount} pages of the request remain from there.
     *
     * @return pages read from disk
     */
    public long asyncRa(AddressSpace mapping, RaState ra, long index, long reqCount) {
        long maxPages = maxPages(reqCount);
        long expected = ra.start + ra.size - ra.asyncSize;
        if (index == expected) {
            // The expected marker: the stream goes on; push the window forward and ramp it up.
            ra.start += ra.size;
            ra.size = Math.max(ra.size, nextRaSize(ra.size, maxPages));
            ra.asyncSize = ra.size;
            return readWindow(mapping, ra);
        }
        // A marker hit without a matching window (interleaved streams): size the window from the cached run ahead.
        long start = nextMiss(mapping, index + 1, maxPages);
        if (start == 0 || start - index > maxPages) {
            return 0;
        }
        ra.start = start;
        ra.size = start - index + reqCount;
        ra.size = nextRaSize(ra.size, maxPages);
        ra.asyncSize = ra.size;
        return readWindow(mapping, ra);
    }

    /** {@code page_cache_ra_order()} of an order-0 mapping: {@code do_page_cache_ra()} of the whole window. */
    private long readWindow(AddressSpace mapping, RaState ra) {
        return doPageCacheRa(mapping, ra.start, ra.size, ra.asyncSize);
    }

    /**
     * {@code do_page_cache_ra()} and {@code page_cache_ra_unbounded()}: reads the missing pages of
     * {@code [index, index + nrToRead)}, clipped to the file's last page; the page {@code lookahead} before the end
     * gets PG_readahead. Stops when memory runs out.
     *
     * @return pages read
     */
    long doPageCacheRa(AddressSpace mapping, long index, long nrToRead, long lookahead) {
        long isize = mapping.size();
        if (isize == 0) {
            return 0;
        }
        long endIndex = (isize - 1) >>> 12;
        if (index > endIndex) {
            return 0;
        }
        if (nrToRead > endIndex - index) {
            nrToRead = endIndex - index + 1;
        }
        long mark = lookahead <= nrToRead ? nrToRead - lookahead : -1;
        long read = 0;
        for (long i = 0; i < nrToRead; i++) {
            if (mapping.isCached(index + i)) {
                continue;
            }
            if (cache.add(mapping, index + i, i == mark) < 0) {
                break;
            }
            read++;
        }
        return read;
    }
}
