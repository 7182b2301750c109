package org.mmsim.paging.mm;

import org.mmsim.api.kernel.HugetlbPages;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.api.physical.HugetlbPools;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.pagetable.PageTables;
import org.mmsim.paging.pagetable.Walk;

/**
 * MAP_HUGETLB mappings, the address-space side of mm/hugetlb.c: huge pages of a pool mapped through a PMD (or, for
 * 1 GiB pages, a PUD) with the PS bit. mmap reserves the mapping's pages in the pool ({@code hugetlb_reserve_pages()},
 * ENOMEM if the pool cannot cover them; nothing with MAP_NORESERVE); a fault takes a page ({@code hugetlb_no_page()}:
 * a reserved one if the mapping holds a reservation for it, else a free unreserved or surplus one, else SIGBUS); a
 * write to a page fork shared copies the whole huge page into a new one from the pool, never from the reservations
 * ({@code hugetlb_wp()}); unmapping gives the pages back to the pool, and the reservations no fault used.
 *
 * <p>A private mapping's pages are anonymous; after fork the child shares them write-protected, as
 * {@code copy_hugetlb_page_range()} does, but not its parent's reservations ({@code hugetlb_dup_vma_private()}): its
 * faults and copies take unreserved pages. A shared mapping's pages are its file's, found by any process mapping it;
 * fork copies no entry of it (it has no anon_vma), so the child faults them in from the file. Hugetlb pages count in
 * no RSS figure, only in the mm's hugetlb usage (HugetlbPages) and smaps' Shared_Hugetlb and Private_Hugetlb.
 * Not modelled: the owner's copy-on-write taking the page back from its children when the pool is empty
 * ({@code unmap_ref_private()}), hugetlbfs files by path, PMD sharing between processes, and mremap (EINVAL).
 */
final class HugetlbMappings {
    /** The name maps shows for an anonymous hugetlb mapping: its unlinked hugetlbfs file. */
    static final String NAME = "/anon_hugepage (deleted)";

    private final HugetlbPages pool;
    private final HugetlbPools pools;
    private final PageFrames frames;
    private final Mmu mmu;
    private final Walk at = new Walk();
    private long lastInode;

    HugetlbMappings(HugetlbPages pool, HugetlbPools pools, PageFrames frames, Mmu mmu) {
        this.pool = pool;
        this.pools = pools;
        this.frames = frames;
        this.mmu = mmu;
    }

    /**
     * The order of the huge pages MAP_HUGETLB asks for: MAP_HUGE_SHIFT's field, or the default size
     * ({@code hstate_sizelog()}).
     *
     * @throws SyscallException EINVAL for a size the machine has no pool of
     */
    int order(int flags) {
        int log = (flags >>> Prot.MAP_HUGE_SHIFT) & Prot.MAP_HUGE_MASK;
        int[] orders = pools.orders();
        if (log == 0) {
            return orders[0];
        }
        for (int order : orders) {
            if (order + 12 == log) {
                return order;
            }
        }
        throw new SyscallException("EINVAL", "MAP_HUGETLB of 2^" + log + "-byte pages: no such huge page size");
    }

    /**
     * The file a new mapping of {@code length} bytes (a multiple of the huge page size) maps, its pages reserved
     * unless {@code vmFlags} has VM_NORESERVE ({@code hugetlb_file_setup()} and {@code hugetlb_reserve_pages()}).
     *
     * @throws SyscallException ENOMEM if the pool cannot cover the reservation
     */
    HugetlbFile setup(int order, long length, long vmFlags) {
        long pages = length >>> (12 + order);
        HugetlbFile file = new HugetlbFile(order, (vmFlags & VmFlags.VM_SHARED) != 0, ++lastInode, pages);
        if ((vmFlags & VmFlags.VM_NORESERVE) == 0) {
            if (!pool.reserve(order, pages)) {
                throw new SyscallException("ENOMEM", "mmap of " + length + " bytes of huge pages: the pool cannot "
                        + "reserve " + pages);
            }
            file.reserved.set(0, (int) pages);
        }
        return file;
    }

    /**
     * mmap(2) with MAP_HUGETLB ({@code ksys_mmap_pgoff()}, {@code hugetlbfs_file_mmap()}): the length rounded up to
     * the huge page size, the address aligned to it ({@code hugetlb_get_unmapped_area()}), the pages reserved, no
     * overcommit charge ({@code accountable_mapping()} leaves hugetlbfs out), and a VMA with VM_HUGETLB and
     * VM_DONTEXPAND that merges with nothing.
     *
     * @throws SyscallException EINVAL for a file that is not hugetlbfs (any file here) or a misaligned MAP_FIXED,
     *     ENOMEM without room or without pages to reserve
     */
    long mmap(Mmap calls, Task task, long addr, long length, int prot, int flags,
              org.mmsim.api.kalloc.FileRef file, int cpu) {
        Mm mm = task.mm;
        if (file != null) {
            throw new SyscallException("EINVAL", "MAP_HUGETLB of " + file.path() + ": not a hugetlbfs file");
        }
        int order = order(flags);
        long size = 4096L << order;
        long len = (length + size - 1) & -size;
        if (len > mm.taskSize || len <= 0) {
            throw new SyscallException("ENOMEM", "mmap of " + length + " bytes: more than user space");
        }
        long start;
        if ((flags & Prot.MAP_FIXED) != 0) {
            if ((addr & (size - 1)) != 0) {
                throw new SyscallException("EINVAL", String.format("MAP_FIXED at %#x: not on a huge page", addr));
            }
            SyscallArgs.userEnd(addr, len, mm.taskSize, "ENOMEM", "MAP_FIXED mmap");
            start = addr;
        } else {
            start = mm.unmappedArea(len, size);
            if (start < 0) {
                throw new SyscallException("ENOMEM", "no room for " + len + " bytes");
            }
        }
        long vm = Mmap.vmFlags(prot, flags) | VmFlags.VM_HUGETLB | VmFlags.VM_DONTEXPAND;
        if ((flags & Prot.MAP_FIXED) != 0) {
            // mmap_region(): what was there goes first, then hugetlbfs_file_mmap() reserves (and may fail).
            calls.munmap(task, start, len, cpu);
        }
        HugetlbFile hugetlbFile = setup(order, len, vm);
        // The unlinked file is mapped from its start: vm_pgoff 0.
        Vma vma = new Vma(start, start + len, vm, 0, null, NAME);
        vma.hugetlb = hugetlbFile;
        vma.resvOwner = !hugetlbFile.shared;
        mm.insert(vma);
        mm.updateHiwater();
        return start;
    }

    /** The huge page index of {@code addr} in its VMA's file ({@code vma_hugecache_offset()}). */
    private static long index(Vma vma, long addr) {
        return vma.pageIndex(addr) >>> vma.hugetlb.order;
    }

    /**
     * {@code hugetlb_fault()}: maps the huge page at {@code page} if none is, or copies a write-protected one.
     *
     * @return a {@link FaultResult}: MINOR, SIGBUS when the pool has no page, or OOM without memory for a table
     */
    int fault(Task task, Vma vma, long page, AccessType type, int cpu) {
        Mm mm = task.mm;
        HugetlbFile file = vma.hugetlb;
        int shift = 12 + file.order;
        long start = page & -file.size();
        long entry = mm.tables.walk(start, at);
        if ((entry & Pte.PRESENT) == 0 || at.shift != shift) {
            return noPage(mm, vma, start, type);
        }
        if (type == AccessType.WRITE && (entry & Pte.RW) == 0) {
            return wp(mm, vma, start, entry, cpu);
        }
        return FaultResult.MINOR;
    }

    /** {@code hugetlb_no_page()}: a page from the file (shared) or the pool, mapped whole. */
    private int noPage(Mm mm, Vma vma, long start, AccessType type) {
        HugetlbFile file = vma.hugetlb;
        long index = index(vma, start);
        long pfn = file.shared ? file.page(index) : HugetlbPages.NO_PAGE;
        boolean fresh = pfn == HugetlbPages.NO_PAGE;
        boolean reserved = false;
        if (fresh) {
            // vma_has_reserves(): a shared mapping's reservation is the file's, a private one's only its owner's.
            reserved = (file.shared || vma.resvOwner) && file.reserved.get((int) index);
            pfn = pool.allocFolio(file.order, reserved);
            if (pfn == HugetlbPages.NO_PAGE) {
                return FaultResult.SIGBUS;
            }
        }
        if (!mm.tables.prepare(start, 12 + file.order, at)) {
            if (fresh) {
                pool.freeFolio(file.order, pfn);
            }
            return FaultResult.OOM;
        }
        if (reserved) {
            file.reserved.clear((int) index);
        }
        if (file.shared) {
            if (fresh) {
                // The file keeps the page's first reference (hugetlb_add_to_page_cache()); the mapping takes its own.
                file.setPage(index, pfn);
            }
            frames.getPage(pfn);
        }
        frames.incMapcount(pfn);
        // make_huge_pte(): a shared mapping's page is writable if the VMA is; a private one's only on a write fault,
        // a read leaving it for hugetlb_wp() to make writable.
        boolean writable = file.shared ? (vma.flags & VmFlags.VM_WRITE) != 0 : type == AccessType.WRITE;
        mm.tables.set(at, (pfn << 12) | FaultHandler.baseBits(vma) | Pte.PSE
                | (writable ? Pte.RW | Pte.DIRTY : 0));
        mm.hugetlbUsage += 1L << file.order;
        return FaultResult.MINOR;
    }

    /**
     * {@code hugetlb_wp()}: a write to a private huge page that is write-protected. A page only this mapping holds is
     * made writable; one that fork shared is copied whole into a page taken without a reservation.
     */
    private int wp(Mm mm, Vma vma, long start, long entry, int cpu) {
        int order = vma.hugetlb.order;
        long old = PageTables.pfnOf(entry);
        if (frames.refcount(old) == 1) {
            mm.tables.set(at, entry | Pte.RW | Pte.DIRTY | Pte.ACCESSED);
            mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, start, 12 + order);
            return FaultResult.MINOR;
        }
        long pfn = pool.allocFolio(order, false);
        if (pfn == HugetlbPages.NO_PAGE) {
            return FaultResult.SIGBUS;
        }
        // copy_user_large_folio(): every small page's content.
        for (long i = 0; i < 1L << order; i++) {
            frames.setContent(pfn + i, frames.content(old + i));
        }
        frames.incMapcount(pfn);
        frames.decMapcount(old);
        frames.putPage(old);
        mm.tables.set(at, (pfn << 12) | (entry & ~Pte.PFN_MASK) | Pte.RW | Pte.DIRTY | Pte.ACCESSED);
        mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, start, 12 + order);
        return FaultResult.MINOR;
    }

    /** Unmaps one huge page entry of a hugetlb VMA ({@code __unmap_hugepage_range()}). */
    void zap(Mm mm, Vma vma, long vaddr, long table, int index, long entry, int cpu) {
        int order = vma.hugetlb.order;
        mm.tables.set(table, index, 0);
        long pfn = PageTables.pfnOf(entry);
        frames.decMapcount(pfn);
        mm.hugetlbUsage -= 1L << order;
        release(order, pfn);
        mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, vaddr, 12 + order);
    }

    /** Drops a reference to a huge page: the last goes back to the pool ({@code free_huge_folio()}). */
    private void release(int order, long pfn) {
        if (frames.refcount(pfn) > 1) {
            frames.putPage(pfn);
        } else {
            pool.freeFolio(order, pfn);
        }
    }

    /**
     * {@code hugetlb_vm_op_close()} of a VMA removed: the owner's reservations in its range that no fault used go
     * back to the pool; when the last VMA of a shared file goes, the file's pages and unused reservations too
     * ({@code remove_inode_hugepages()}, the unlinked file's last close).
     */
    void close(Vma vma) {
        HugetlbFile file = vma.hugetlb;
        if (!file.shared && vma.resvOwner) {
            int from = (int) index(vma, vma.start);
            int to = (int) index(vma, vma.end);
            int unused = file.reserved.get(from, to).cardinality();
            file.reserved.clear(from, to);
            pool.unreserve(file.order, unused);
        }
        if (--file.users == 0 && file.shared) {
            for (long pfn : file.pages()) {
                if (pfn >= 0) {
                    pool.freeFolio(file.order, pfn);
                }
            }
            pool.unreserve(file.order, file.reserved.cardinality());
            file.reserved.clear();
        }
    }

    /**
     * {@code copy_hugetlb_page_range()} for fork: a private mapping's page is shared with the child, write-protected
     * in both.
     */
    void copy(Mm from, Mm to, Vma vma, long vaddr, long table, int index, long entry) {
        int order = vma.hugetlb.order;
        if (!to.tables.prepare(vaddr, 12 + order, at)) {
            throw new SyscallException("ENOMEM", "fork: no memory for page tables");
        }
        long shared = entry & ~Pte.RW;
        from.tables.set(table, index, shared);
        to.tables.set(at, shared & ~Pte.ACCESSED);
        long pfn = PageTables.pfnOf(entry);
        frames.getPage(pfn);
        frames.incMapcount(pfn);
        to.hugetlbUsage += 1L << order;
    }

    /**
     * {@code hugetlb_vm_op_split()} at both ends of {@code [from, to)}: a hugetlb VMA splits only on a huge page
     * boundary.
     *
     * @throws SyscallException EINVAL otherwise, before anything changes
     */
    static void checkSplits(Mm mm, long from, long to) {
        checkSplit(mm, from);
        checkSplit(mm, to);
    }

    private static void checkSplit(Mm mm, long addr) {
        Vma vma = mm.find(addr);
        if (vma != null && vma.hugetlb != null && vma.start != addr && (addr & (vma.hugetlb.size() - 1)) != 0) {
            throw new SyscallException("EINVAL", String.format("%#x is inside a huge page of a hugetlb mapping", addr));
        }
    }
}
