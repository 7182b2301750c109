package org.mmsim.paging.mm;

import java.util.List;
import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.pagetable.Walk;
import org.mmsim.paging.pagetable.PageTables;

/**
 * The memory system calls on one address space, as mm/mmap.c, mm/vma.c, mm/mprotect.c and mm/madvise.c do them:
 * mapping finds room top-down below the mmap base (or takes MAP_FIXED's, unmapping what is there), merges with alike
 * neighbours, and charges overcommit; unmapping splits VMAs at the edges, zaps the entries (each page's map count and
 * reference drop), invalidates the TLBs and frees page tables left empty; mprotect splits, changes flags and entries,
 * and merges; brk moves the end of the heap. MAP_HUGETLB mappings are {@link HugetlbMappings}'s; mremap is
 * {@link Mremap}'s.
 */
final class Mmap {
    static final long PAGE = 4096;
    private final FaultHandler faults;
    private final PageCache pageCache;
    private final OvercommitAccounting overcommit;
    private final Mmu mmu;
    private final Walk lockWalk = new Walk();

    Mmap(FaultHandler faults, PageCache pageCache, OvercommitAccounting overcommit, Mmu mmu) {
        this.faults = faults;
        this.pageCache = pageCache;
        this.overcommit = overcommit;
        this.mmu = mmu;
    }

    static long pageAlign(long bytes) {
        return (bytes + PAGE - 1) & -PAGE;
    }

    /** {@code calc_vm_prot_bits()} and {@code calc_vm_flag_bits()}: the VMA flags of a new mapping. */
    static long vmFlags(int prot, int flags) {
        long vm = VmFlags.VM_MAYREAD | VmFlags.VM_MAYWRITE | VmFlags.VM_MAYEXEC;
        if ((prot & Prot.PROT_READ) != 0) {
            vm |= VmFlags.VM_READ;
        }
        if ((prot & Prot.PROT_WRITE) != 0) {
            vm |= VmFlags.VM_WRITE;
        }
        if ((prot & Prot.PROT_EXEC) != 0) {
            vm |= VmFlags.VM_EXEC;
        }
        if ((flags & Prot.MAP_SHARED) != 0) {
            vm |= VmFlags.VM_SHARED | VmFlags.VM_MAYSHARE;
        }
        if ((flags & Prot.MAP_GROWSDOWN) != 0) {
            vm |= VmFlags.VM_GROWSDOWN;
        }
        if ((flags & Prot.MAP_NORESERVE) != 0) {
            vm |= VmFlags.VM_NORESERVE;
        }
        return vm;
    }

    /**
     * mmap(2) on {@code task}'s address space.
     *
     * @param file the file to map, null for anonymous memory (a shmem file for MAP_SHARED)
     */
    long mmap(Task task, long addr, long length, int prot, int flags, FileRef file, long offset, String name, int cpu) {
        Mm mm = task.mm;
        if (length <= 0 || (offset & (PAGE - 1)) != 0 || (flags & (Prot.MAP_SHARED | Prot.MAP_PRIVATE)) == 0) {
            throw new SyscallException("EINVAL", "mmap of " + length + " bytes at offset " + offset);
        }
        // do_mmap(): no room for more than user space (get_unmapped_area()), and the file's page offset must not wrap.
        if (length > mm.taskSize) {
            throw new SyscallException("ENOMEM", "mmap of " + length + " bytes: more than user space");
        }
        if (offset < 0) {
            throw new SyscallException("EOVERFLOW", "mmap at offset " + offset);
        }
        if ((flags & Prot.MAP_HUGETLB) != 0) {
            long start = faults.hugetlb().mmap(this, task, addr, length, prot, flags, file, cpu);
            Vma vma = mm.find(start);
            populate(task, start, vma.end, vma.hugetlb.size(), vma.flags, flags, cpu);
            return start;
        }
        long len = pageAlign(length);
        long start;
        if ((flags & Prot.MAP_FIXED) != 0) {
            if ((addr & (PAGE - 1)) != 0) {
                throw new SyscallException("EINVAL", String.format("MAP_FIXED at %#x", addr));
            }
            // __get_unmapped_area(): a fixed address must leave the whole mapping in user space.
            SyscallArgs.userEnd(addr, len, mm.taskSize, "ENOMEM", "MAP_FIXED mmap");
            start = addr;
        } else if (addr > 0 && (addr & (PAGE - 1)) == 0 && addr <= mm.taskSize - len && mm.isFree(addr, addr + len)) {
            start = addr;
        } else {
            // __get_unmapped_area(): private anonymous mappings of whole PMDs start on a PMD boundary, so that they
            // can be mapped with huge pages (thp_get_unmapped_area_vmflags()).
            boolean pmdAligned = file == null && (flags & Prot.MAP_SHARED) == 0 && len % HugePmds.SIZE == 0
                    && faults.huge().supported();
            start = mm.unmappedArea(len, pmdAligned ? HugePmds.SIZE : PAGE);
            if (start < 0) {
                throw new SyscallException("ENOMEM", "no room for " + len + " bytes");
            }
        }
        long vm = vmFlags(prot, flags);
        FileRef backing = file;
        if (backing == null && (flags & Prot.MAP_SHARED) != 0) {
            backing = pageCache.shmem("/dev/zero (deleted)", len);
        }
        boolean charged = overcommit.accountable((vm & (VmFlags.VM_WRITE | VmFlags.VM_SHARED)) == VmFlags.VM_WRITE,
                (flags & Prot.MAP_NORESERVE) != 0);
        if (charged) {
            overcommit.charge(len / PAGE);
            vm |= VmFlags.VM_ACCOUNT;
        }
        if ((flags & Prot.MAP_FIXED) != 0) {
            munmap(task, start, len, cpu);
        }
        // do_mmap(): a private anonymous mapping's vm_pgoff is its address's page number.
        Vma vma = new Vma(start, start + len, vm, backing == null ? start / PAGE : offset / PAGE, backing, name);
        mm.insert(vma);
        mm.merge(vma);
        mm.updateHiwater();
        populate(task, start, start + len, PAGE, vm, flags, cpu);
        return start;
    }

    /** MAP_POPULATE: every page of {@code [start, end)} faulted in, for writing a private writable mapping. */
    private void populate(Task task, long start, long end, long step, long vm, int flags, int cpu) {
        if ((flags & Prot.MAP_POPULATE) == 0) {
            return;
        }
        AccessType type = (vm & VmFlags.VM_WRITE) != 0 && (flags & Prot.MAP_PRIVATE) != 0 ? AccessType.WRITE : AccessType.READ;
        for (long page = start; page < end && !task.mm.exited; page += step) {
            faults.handle(task, page, type, cpu);
        }
    }

    /** munmap(2). */
    void munmap(Task task, long addr, long length, int cpu) {
        Mm mm = task.mm;
        if ((addr & (PAGE - 1)) != 0 || length <= 0) {
            throw new SyscallException("EINVAL", String.format("munmap at %#x of %d bytes", addr, length));
        }
        long end = SyscallArgs.userEnd(addr, length, mm.taskSize, "EINVAL", "munmap");
        HugetlbMappings.checkSplits(mm, addr, end);
        faults.huge().split(mm, addr, end, false, cpu);
        mm.splitAt(addr);
        mm.splitAt(end);
        for (Vma vma : mm.overlapping(addr, end)) {
            close(task, vma, cpu);
        }
        mm.tables.freeEmptyTables(addr, end);
    }

    /** {@code remove_vma()} after its entries are zapped: the VMA's commitment and hugetlb reservations go with it. */
    void close(Task task, Vma vma, int cpu) {
        zap(task, vma, vma.start, vma.end, cpu);
        if ((vma.flags & VmFlags.VM_ACCOUNT) != 0) {
            overcommit.uncharge(vma.pages());
        }
        task.mm.remove(vma);
        if (vma.hugetlb != null) {
            faults.hugetlb().close(vma);
        }
    }

    /** Unmaps the entries of {@code [from, to)} of one VMA ({@code zap_pte_range()}). */
    void zap(Task task, Vma vma, long from, long to, int cpu) {
        Mm mm = task.mm;
        PageFrames frames = faults.frames();
        mm.updateHiwater();
        mm.tables.forEach(from, to, (vaddr, table, index, entry) -> {
            if ((entry & Pte.PSE) != 0) {
                if (vma.hugetlb != null) {
                    faults.hugetlb().zap(mm, vma, vaddr, table, index, entry, cpu);
                } else {
                    faults.huge().zap(mm, vaddr, table, index, entry, cpu);
                }
                return;
            }
            mm.tables.set(table, index, 0);
            if (SwapPtes.isSwap(entry)) {
                faults.swapCache().free(SwapPtes.entry(entry));
                mm.swapEntries--;
                return;
            }
            if ((entry & Pte.PRESENT) != 0 && (entry & Pte.SPECIAL) == 0) {
                long pfn = PageTables.pfnOf(entry);
                if ((vma.flags & VmFlags.VM_LOCKED) != 0
                        && !mm.lockedElsewhere(pfn, frames.mapping(pfn), frames.index(pfn), vma, lockWalk)) {
                    // munlock_vma_folio(): the page leaves the unevictable list with its last locked mapping.
                    faults.lru().munlock(pfn);
                }
                if ((entry & Pte.DIRTY) != 0 && vma.file != null) {
                    // folio_mark_dirty() of the page cache's page (a private copy is not the cache's, and is left).
                    pageCache.setPageDirty(pfn);
                }
                faults.unmapPage(mm, vma, pfn);
            }
            mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, vaddr);
        });
    }

    /**
     * mlock(2) ({@code do_mlock()} and {@code __mm_populate()}): the range's VMAs become VM_LOCKED (split at its
     * edges), and every page is faulted in — for writing in a private writable mapping, so that no copy-on-write is
     * left to do — and moved to the unevictable list.
     */
    void mlock(Task task, long addr, long length, int cpu) {
        Mm mm = task.mm;
        if ((addr & (PAGE - 1)) != 0 || length <= 0) {
            throw new SyscallException("EINVAL", String.format("mlock at %#x of %d bytes", addr, length));
        }
        long end = SyscallArgs.userEnd(addr, length, mm.taskSize, "ENOMEM", "mlock");
        long mapped = 0;
        for (Vma vma : mm.overlapping(addr, end)) {
            mapped += Math.min(vma.end, end) - Math.max(vma.start, addr);
        }
        if (mapped != end - addr) {
            throw new SyscallException("ENOMEM", String.format("mlock of [%#x, %#x): part of it is not mapped", addr, end));
        }
        HugetlbMappings.checkSplits(mm, addr, end);
        faults.huge().split(mm, addr, end, false, cpu);
        mm.splitAt(addr);
        mm.splitAt(end);
        for (Vma vma : mm.overlapping(addr, end)) {
            vma.flags |= VmFlags.VM_LOCKED;
            boolean write = (vma.flags & (VmFlags.VM_WRITE | VmFlags.VM_SHARED)) == VmFlags.VM_WRITE;
            for (long page = vma.start; page < vma.end; page += PAGE) {
                faults.handle(task, page, write ? AccessType.WRITE : AccessType.READ, cpu);
                if (mm.exited) {
                    return;
                }
                long pfn = faults.presentPfn(mm, page);
                if (pfn >= 0) {
                    faults.lru().mlock(pfn);
                }
            }
            mm.merge(vma);
        }
    }

    /** mprotect(2). */
    void mprotect(Task task, long addr, long length, int prot, int cpu) {
        Mm mm = task.mm;
        if ((addr & (PAGE - 1)) != 0 || length <= 0) {
            throw new SyscallException("EINVAL", String.format("mprotect at %#x", addr));
        }
        long end = SyscallArgs.userEnd(addr, length, mm.taskSize, "ENOMEM", "mprotect");
        List<Vma> covered = mm.overlapping(addr, end);
        long mapped = 0;
        for (Vma vma : covered) {
            mapped += Math.min(vma.end, end) - Math.max(vma.start, addr);
        }
        if (mapped != end - addr) {
            throw new SyscallException("ENOMEM", String.format("mprotect of [%#x, %#x): part of it is not mapped", addr, end));
        }
        HugetlbMappings.checkSplits(mm, addr, end);
        faults.huge().split(mm, addr, end, false, cpu);
        mm.splitAt(addr);
        mm.splitAt(end);
        for (Vma vma : mm.overlapping(addr, end)) {
            long mask = VmFlags.VM_READ | VmFlags.VM_WRITE | VmFlags.VM_EXEC;
            long flags = (vma.flags & ~mask) | (vmFlags(prot, 0) & mask);
            boolean nowWritablePrivate = (flags & (VmFlags.VM_WRITE | VmFlags.VM_SHARED)) == VmFlags.VM_WRITE;
            // mprotect_fixup(): hugetlb mappings are never charged (their pages are the pool's, reserved at mmap).
            if (nowWritablePrivate && (vma.flags & (VmFlags.VM_ACCOUNT | VmFlags.VM_NORESERVE | VmFlags.VM_HUGETLB)) == 0) {
                overcommit.charge(vma.pages());
                flags |= VmFlags.VM_ACCOUNT;
            }
            vma.flags = flags;
            changeProtection(task, vma, cpu);
            mm.merge(vma);
        }
    }

    /**
     * {@code change_protection()}: entries lose write permission where the VMA forbids writing, gain it only for an
     * anonymous page this mapping alone uses ({@code can_change_pte_writable()}), and follow the VMA's exec bit.
     */
    private void changeProtection(Task task, Vma vma, int cpu) {
        Mm mm = task.mm;
        PageFrames frames = faults.frames();
        mm.tables.forEach(vma.start, vma.end, (vaddr, table, index, entry) -> {
            if ((entry & Pte.PRESENT) == 0) {
                return;
            }
            long updated = (entry & ~(Pte.RW | Pte.NX)) | ((vma.flags & VmFlags.VM_EXEC) == 0 ? Pte.NX : 0);
            long pfn = PageTables.pfnOf(entry);
            boolean exclusiveAnon = (entry & Pte.SPECIAL) == 0 && faults.kindOf(vma, pfn) == FaultHandler.Kind.ANON
                    && frames.mapcount(pfn) == 1 && frames.refcount(pfn) == 1;
            boolean sharedWritable = (vma.flags & VmFlags.VM_SHARED) != 0 && (entry & Pte.RW) != 0;
            if ((vma.flags & VmFlags.VM_WRITE) != 0 && (sharedWritable || exclusiveAnon)) {
                updated |= Pte.RW;
            }
            if ((vma.flags & VmFlags.VM_READ) == 0 && (vma.flags & VmFlags.VM_WRITE) == 0 && (vma.flags & VmFlags.VM_EXEC) == 0) {
                updated &= ~Pte.USER;
            } else {
                updated |= Pte.USER;
            }
            if (updated != entry) {
                mm.tables.set(table, index, updated);
                mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, vaddr);
            }
        });
    }

    /**
     * madvise(2) (mm/madvise.c): MADV_HUGEPAGE and MADV_NOHUGEPAGE set VMA flags, splitting and merging VMAs at the
     * range's edges; MADV_DONTNEED zaps the range's pages and keeps its VMAs, so anonymous memory faults in zeroes
     * again and a private file mapping shows the file again.
     */
    void madvise(Task task, long addr, long length, int advice, int cpu) {
        Mm mm = task.mm;
        // madvise_should_skip(): the advice, then a page-aligned start (EINVAL); an empty range is done at once.
        if (advice != Prot.MADV_DONTNEED && advice != Prot.MADV_HUGEPAGE && advice != Prot.MADV_NOHUGEPAGE) {
            throw new SyscallException("EINVAL", "madvise advice " + advice + "; expected MADV_DONTNEED (4), "
                    + "MADV_HUGEPAGE (14) or MADV_NOHUGEPAGE (15)");
        }
        if ((addr & (PAGE - 1)) != 0 || length < 0) {
            throw new SyscallException("EINVAL", String.format("madvise at %#x of %d bytes", addr, length));
        }
        if (length == 0) {
            return;
        }
        long end = SyscallArgs.userEnd(addr, length, mm.taskSize, "EINVAL", "madvise");
        long mapped = 0;
        for (Vma vma : mm.overlapping(addr, end)) {
            mapped += Math.min(vma.end, end) - Math.max(vma.start, addr);
        }
        if (mapped != end - addr) {
            throw new SyscallException("ENOMEM", String.format("madvise of [%#x, %#x): part of it is not mapped", addr, end));
        }
        if (advice == Prot.MADV_DONTNEED) {
            faults.huge().split(mm, addr, end, false, cpu);
            for (Vma vma : mm.overlapping(addr, end)) {
                zap(task, vma, Math.max(vma.start, addr), Math.min(vma.end, end), cpu);
            }
            mm.tables.freeEmptyTables(addr, end);
            return;
        }
        HugetlbMappings.checkSplits(mm, addr, end);
        mm.splitAt(addr);
        mm.splitAt(end);
        for (Vma vma : mm.overlapping(addr, end)) {
            vma.flags = advice == Prot.MADV_HUGEPAGE
                    ? (vma.flags | VmFlags.VM_HUGEPAGE) & ~VmFlags.VM_NOHUGEPAGE
                    : (vma.flags | VmFlags.VM_NOHUGEPAGE) & ~VmFlags.VM_HUGEPAGE;
            mm.merge(vma);
        }
    }

    /** brk(2): grows or shrinks {@code [heap]}; 0 or a value below the heap's start only reads the break. */
    long brk(Task task, long newBrk, int cpu) {
        Mm mm = task.mm;
        // brk(2) refuses a break below the heap's start or past user space (check_brk_limits()) with the old one.
        if (newBrk < mm.startBrk || newBrk > mm.taskSize) {
            return mm.brk;
        }
        long oldEnd = pageAlign(mm.brk);
        long newEnd = pageAlign(newBrk);
        if (newEnd > oldEnd) {
            if (!mm.isFree(oldEnd, newEnd)) {
                return mm.brk;
            }
            try {
                overcommit.charge((newEnd - oldEnd) / PAGE);
            } catch (SyscallException e) {
                return mm.brk;
            }
            Vma heap = new Vma(oldEnd, newEnd, VmFlags.VM_READ | VmFlags.VM_WRITE | VmFlags.VM_MAYREAD
                    | VmFlags.VM_MAYWRITE | VmFlags.VM_MAYEXEC | VmFlags.VM_ACCOUNT, oldEnd / PAGE, null, "[heap]");
            mm.insert(heap);
            mm.merge(heap);
        } else if (newEnd < oldEnd) {
            munmap(task, newEnd, oldEnd - newEnd, cpu);
        }
        mm.brk = newBrk;
        mm.updateHiwater();
        return mm.brk;
    }
}
