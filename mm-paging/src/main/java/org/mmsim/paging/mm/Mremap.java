package org.mmsim.paging.mm;

import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.pagetable.Walk;

/**
 * mremap(2) as mm/mremap.c does it: a mapping shrinks by unmapping its tail, grows in place when the addresses after
 * it are free, or, with MREMAP_MAYMOVE, moves to a free range with its page-table entries ({@code move_vma()},
 * {@code move_page_tables()}); the growth is charged to overcommit if the mapping is. Huge PMDs are split before a
 * move; hugetlb mappings are not resized.
 */
final class Mremap {
    private final Mmap mmap;
    private final FaultHandler faults;
    private final OvercommitAccounting overcommit;
    private final Mmu mmu;

    Mremap(Mmap mmap, FaultHandler faults, OvercommitAccounting overcommit, Mmu mmu) {
        this.mmap = mmap;
        this.faults = faults;
        this.overcommit = overcommit;
        this.mmu = mmu;
    }

    /** mremap(2). */
    long mremap(Task task, long oldAddr, long oldLength, long newLength, int flags, int cpu) {
        Mm mm = task.mm;
        // mremap's entry: lengths past user space are EINVAL (mm/mremap.c).
        SyscallArgs.userEnd(0, oldLength, mm.taskSize, "EINVAL", "mremap");
        SyscallArgs.userEnd(0, newLength, mm.taskSize, "EINVAL", "mremap");
        long oldLen = Mmap.pageAlign(oldLength);
        long newLen = Mmap.pageAlign(newLength);
        Vma vma = mm.find(oldAddr);
        if (vma == null || (oldAddr & (Mmap.PAGE - 1)) != 0 || newLen == 0 || oldAddr + oldLen > vma.end) {
            throw new SyscallException("EFAULT", String.format("mremap of %#x: not one mapping", oldAddr));
        }
        if (vma.hugetlb != null) {
            // vma_to_resize(): hugetlb mappings are not resized or moved.
            throw new SyscallException("EINVAL", String.format("mremap of %#x: a hugetlb mapping", oldAddr));
        }
        if (newLen <= oldLen) {
            if (newLen < oldLen) {
                mmap.munmap(task, oldAddr + newLen, oldLen - newLen, cpu);
            }
            return oldAddr;
        }
        long grow = newLen - oldLen;
        boolean charged = (vma.flags & VmFlags.VM_ACCOUNT) != 0;
        if (oldAddr + oldLen == vma.end && mm.isFree(vma.end, vma.end + grow) && vma.end + grow <= mm.taskSize) {
            if (charged) {
                overcommit.charge(grow / Mmap.PAGE);
            }
            vma.end += grow;
            mm.merge(vma);
            mm.updateHiwater();
            return oldAddr;
        }
        if ((flags & Prot.MREMAP_MAYMOVE) == 0) {
            throw new SyscallException("ENOMEM", String.format("mremap of %#x cannot grow in place", oldAddr));
        }
        long to = mm.unmappedArea(newLen);
        if (to < 0) {
            throw new SyscallException("ENOMEM", "no room for " + newLen + " bytes");
        }
        if (charged) {
            overcommit.charge(grow / Mmap.PAGE);
        }
        faults.huge().split(mm, oldAddr, oldAddr + oldLen, true, cpu);
        mm.splitAt(oldAddr);
        mm.splitAt(oldAddr + oldLen);
        Vma moving = mm.find(oldAddr);
        Vma moved = new Vma(to, to + newLen, moving.flags, moving.pgoff, moving.file, moving.name);
        // The pages keep their anon_vma: fork must still copy them (move_vma() copies the VMA with its anon_vma).
        moved.anonVma = moving.anonVma;
        moveEntries(task, oldAddr, oldAddr + oldLen, to, cpu);
        mm.remove(moving);
        mm.insert(moved);
        mm.merge(moved);
        mm.tables.freeEmptyTables(oldAddr, oldAddr + oldLen);
        mm.updateHiwater();
        return to;
    }

    /** {@code move_page_tables()}: each entry goes to the same offset in the new range; map counts are unchanged. */
    private void moveEntries(Task task, long from, long to, long dest, int cpu) {
        Mm mm = task.mm;
        Walk at = new Walk();
        mm.tables.forEach(from, to, (vaddr, table, index, entry) -> {
            if (!mm.tables.prepare(dest + (vaddr - from), at)) {
                throw new SyscallException("ENOMEM", "no memory for page tables");
            }
            mm.tables.set(at, entry);
            mm.tables.set(table, index, 0);
            mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, vaddr);
        });
    }

}
