package org.mmsim.paging.mm;

import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.paging.pagetable.Walk;

/**
 * A fault on a file page not mapped yet ({@code do_fault()} in mm/memory.c): the page comes from the page cache, read
 * from disk if the cache lacks it ({@code filemap_fault()} in mm/filemap.c, a major fault). A read maps it, with the
 * cached pages around it ({@code do_read_fault()}, {@code do_fault_around()}); a write to a private mapping maps a
 * private copy at once ({@code do_cow_fault()}); a write to a shared one maps the page writable and dirties it
 * ({@code do_shared_fault()}).
 */
final class FileFault {
    /** {@code fault_around_bytes} (mm/memory.c): 64 KiB. */
    static final long FAULT_AROUND_BYTES = 64 << 10;

    private final PolicyAlloc policies;
    private final PageFrames frames;
    private final PageCache pageCache;
    private final VmStat vmstat;
    private final Walk around = new Walk();

    FileFault(PolicyAlloc policies, PageFrames frames, PageCache pageCache, VmStat vmstat) {
        this.policies = policies;
        this.frames = frames;
        this.pageCache = pageCache;
        this.vmstat = vmstat;
    }

    /**
     * Maps the page of {@code vma}'s file at {@code page}, whose empty entry {@code at} points to once the tables are
     * made.
     *
     * @return a {@link FaultResult}
     */
    int fault(Mm mm, Vma vma, long page, boolean write, Walk at, FaultHandler faults) {
        long index = vma.pageIndex(page);
        // filemap_fault() (mm/filemap.c): a page wholly past the end of the file is SIGBUS; the rest of the last
        // page reads as zeroes.
        if (index >= (pageCache.fileSize(vma.file) + 4095) >>> 12) {
            return FaultResult.SIGBUS;
        }
        if (!mm.tables.prepare(page, at)) {
            return FaultResult.OOM;
        }
        if (!write) {
            faultAround(mm, vma, page, faults);
        }
        int result = FaultResult.MINOR;
        long cached = pageCache.findPage(vma.file, index);
        if (cached < 0) {
            // filemap_fault(): the page is not cached, so it is read from disk, a major fault (shmem zeroes a new one).
            cached = pageCache.getPage(vma.file, index);
            if (cached < 0) {
                return FaultResult.OOM;
            }
            if (!vma.file.shmem()) {
                result = FaultResult.MAJOR;
                if ((frames.flags(cached) & PageFlags.WORKINGSET) != 0) {
                    // A refault of a page from the working set (activated on its refault) waits as a memory stall.
                    result |= FaultResult.MEMSTALL;
                }
            }
        }
        if (write && vma.isCow()) {
            long copy = policies.alloc(vma, page, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            if (copy == PageAllocator.NO_PAGE) {
                frames.putPage(cached);
                return FaultResult.OOM;
            }
            frames.setContent(copy, frames.content(cached));
            frames.putPage(cached);
            faults.mapAnon(mm, vma, page, copy);
            return result;
        }
        mapFile(mm, vma, cached, at, writableAtFault(vma, write), write, faults);
        if (write) {
            // do_shared_fault(): fault_dirty_shared_page() marks the page dirty for writeback.
            pageCache.setPageDirty(cached);
        }
        return result;
    }

    /**
     * Whether a fault maps a file page writable: a write to a shared mapping, or any fault on a shared writable
     * mapping of shmem, which has no writeback to notify ({@code vma_wants_writenotify()} is false for it).
     */
    private static boolean writableAtFault(Vma vma, boolean write) {
        if ((vma.flags & VmFlags.VM_SHARED) == 0) {
            return false;
        }
        return write || (vma.file.shmem() && (vma.flags & VmFlags.VM_WRITE) != 0);
    }

    /**
     * {@code do_fault_around()}: before a read fault on a file page is handled, the pages of the same aligned
     * {@code fault_around_bytes} window (64 KiB), within the VMA and the same page table, that the page cache already
     * holds are mapped too ({@code filemap_map_pages()}), so that neighbouring accesses take no fault.
     */
    private void faultAround(Mm mm, Vma vma, long page, FaultHandler faults) {
        long window = FAULT_AROUND_BYTES;
        long from = Math.max(page & -window, vma.start);
        long to = Math.min(Math.min((page & -window) + window, vma.end), (page & -(1L << 21)) + (1L << 21));
        for (long addr = from; addr < to; addr += 4096) {
            if (addr == page) {
                continue;
            }
            if (mm.tables.walk(addr, around) != 0 || around.shift != 12) {
                continue;
            }
            long pfn = pageCache.findPage(vma.file, vma.pageIndex(addr));
            if (pfn >= 0) {
                mapFile(mm, vma, pfn, around, writableAtFault(vma, false), false, faults);
            }
        }
    }

    /** Maps a page-cache page at {@code at} ({@code do_set_pte()}): one more mapping, counted as file or shmem RSS. */
    private void mapFile(Mm mm, Vma vma, long pfn, Walk at, boolean writable, boolean dirty, FaultHandler faults) {
        frames.incMapcount(pfn);
        if (frames.mapcount(pfn) == 1) {
            vmstat.inc(VmItem.NR_MAPPED);
        }
        mm.tables.set(at, (pfn << 12) | FaultHandler.baseBits(vma) | (writable ? Pte.RW : 0) | (dirty ? Pte.DIRTY : 0));
        if ((vma.flags & VmFlags.VM_LOCKED) != 0) {
            faults.lru().mlock(pfn);
        }
        FaultHandler.count(mm, faults.kindOf(vma, pfn), 1);
    }
}
