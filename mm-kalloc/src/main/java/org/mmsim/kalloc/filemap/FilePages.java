package org.mmsim.kalloc.filemap;

import java.util.Optional;
import java.util.TreeMap;
import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.kalloc.PageCache;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.physical.PageFrames;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.util.LongIntHashMap;

/**
 * The page cache (mm/filemap.c): each file's pages by index, in one map keyed by inode and index. A page the cache
 * lacks is allocated ({@code mapping_gfp_mask()}: GFP_HIGHUSER_MOVABLE) and read from the simulated disk: its
 * content token is a function of the file and the index, as a disk block's bytes are fixed, and pgpgin counts the
 * KiB read. Shared-memory files (shmem) have no disk: a new page is zeroes and no I/O. The cache holds one
 * reference on each page; every user takes its own.
 */
public final class FilePages implements PageCache {
    private static final int INDEX_BITS = 36;
    /** The default {@code ra_pages}: read_ahead_kb = 128 (VM_READAHEAD_PAGES in include/linux/mm.h). */
    private static final long READ_AROUND_PAGES = 32;
    private final PageAllocator allocator;
    private final PageFrames frames;
    private final VmStat vmstat;
    private final TreeMap<String, FileRef> files = new TreeMap<>();
    private final LongIntHashMap pfnOf = new LongIntHashMap(1 << 12, -1);
    private long nextInode = 1_000_001;
    private boolean lastWasMajor;

    public FilePages(PageAllocator allocator, PageFrames frames, VmStat vmstat) {
        this.allocator = allocator;
        this.frames = frames;
        this.vmstat = vmstat;
    }

    @Override
    public FileRef file(String path, long size) {
        return files.computeIfAbsent(path, p -> new FileRef(nextInode++, "fe:00", p, size, false));
    }

    @Override
    public FileRef shmem(String name, long size) {
        // Each shared anonymous mapping is its own unnamed shmem file, as shmem_zero_setup() makes one.
        return new FileRef(nextInode++, "00:01", name, size, true);
    }

    @Override
    public Optional<FileRef> lookup(String path) {
        return Optional.ofNullable(files.get(path));
    }

    private static long key(FileRef file, long index) {
        return (file.inode() << INDEX_BITS) | index;
    }

    @Override
    public long findPage(FileRef file, long index) {
        int cached = pfnOf.get(key(file, index));
        if (cached < 0) {
            return -1;
        }
        frames.getPage(cached);
        return cached;
    }

    @Override
    public long getPage(FileRef file, long index) {
        long cached = findPage(file, index);
        if (cached >= 0) {
            lastWasMajor = false;
            return cached;
        }
        long pfn = readPage(file, index);
        if (pfn < 0) {
            return -1;
        }
        frames.getPage(pfn);
        lastWasMajor = !file.shmem();
        if (!file.shmem()) {
            readAround(file, index);
        }
        return pfn;
    }

    /**
     * {@code do_sync_mmap_readahead()}'s read-around: a mapped page read from disk brings the {@code ra_pages} (32,
     * read_ahead_kb = 128) pages centred on it into the cache, those the file has and the cache lacks, as far as
     * memory allows.
     */
    private void readAround(FileRef file, long index) {
        long filePages = (file.size() + 4095) >>> 12;
        long start = Math.max(0, index - READ_AROUND_PAGES / 2);
        long end = Math.min(start + READ_AROUND_PAGES, filePages);
        for (long i = start; i < end; i++) {
            if (i != index && pfnOf.get(key(file, i)) < 0 && readPage(file, i) < 0) {
                return;
            }
        }
    }

    /** Allocates a page for the cache and fills it: from the disk, or zeroes for shmem. Returns -1 without memory. */
    private long readPage(FileRef file, long index) {
        long pfn = allocator.allocPages(Gfp.GFP_HIGHUSER_MOVABLE | (file.shmem() ? Gfp.__GFP_ZERO : 0), 0);
        if (pfn == PageAllocator.NO_PAGE) {
            return -1;
        }
        frames.setFlags(pfn, PageFlags.UPTODATE | (file.shmem() ? PageFlags.SWAPBACKED : 0));
        if (!file.shmem()) {
            frames.setContent(pfn, diskContent(file, index));
            vmstat.add(VmItem.PGPGIN, 4);
        }
        pfnOf.put(key(file, index), (int) pfn);
        vmstat.inc(VmItem.NR_FILE_PAGES);
        if (file.shmem()) {
            vmstat.inc(VmItem.NR_SHMEM);
        }
        return pfn;
    }

    /** The bytes of a disk file's page: fixed by the file and the offset, never zero. */
    static long diskContent(FileRef file, long index) {
        long x = file.inode() * 0x9E3779B97F4A7C15L + index;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        return (x ^ (x >>> 29)) | 1;
    }

    @Override
    public boolean lastWasMajor() {
        return lastWasMajor;
    }

    @Override
    public long pages() {
        return pfnOf.size();
    }
}
