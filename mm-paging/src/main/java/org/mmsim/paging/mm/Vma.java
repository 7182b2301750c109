package org.mmsim.paging.mm;

import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.paging.VmFlags;

/**
 * A virtual memory area ({@code struct vm_area_struct}): a range of addresses with one set of flags, backed by one
 * file at an offset, or anonymous. Mutable in place, as the kernel splits, merges and adjusts VMAs under mmap_lock.
 */
public final class Vma {
    long start;
    long end;
    long flags;
    /**
     * {@code vm_pgoff}: the file page at {@code start}; for anonymous memory, the page number of the address where the
     * mapping was made, so that a page's index ({@link #pageIndex}) stays the same when the VMA is split or moved.
     */
    long pgoff;
    /** The address space the VMA belongs to, once inserted. */
    Mm mm;
    /** Its {@code vm_area_struct} in the slab, 0 if none could be allocated. */
    long object;
    final FileRef file;
    /** {@code [heap]}, {@code [stack]}, {@code [vdso]}..., or null. */
    final String name;
    /**
     * The identity of its {@code anon_vma}, 0 if no anonymous page was ever mapped here. VMAs with different ones do
     * not merge; a VMA with one has entries fork must copy.
     */
    long anonVma;
    /** A MAP_HUGETLB mapping's hugetlbfs file and reservations, null for any other VMA. */
    HugetlbFile hugetlb;
    /**
     * Whether this VMA holds its private hugetlb file's reservations ({@code HPAGE_RESV_OWNER}): the mapping's maker
     * does, a child of fork not.
     */
    boolean resvOwner;
    /** Its own memory policy ({@code vm_policy}, set by mbind), null to follow the task's. */
    Mempolicy policy;

    Vma(long start, long end, long flags, long pgoff, FileRef file, String name) {
        this.start = start;
        this.end = end;
        this.flags = flags;
        this.pgoff = pgoff;
        this.file = file;
        this.name = name;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public long flags() {
        return flags;
    }

    public long pgoff() {
        return pgoff;
    }

    public FileRef file() {
        return file;
    }

    public String name() {
        return name;
    }

    /** Whether it has no file behind it, or only a shared-memory one ({@code vma_is_anonymous()} for private ones). */
    public boolean isAnonymous() {
        return file == null;
    }

    /** Whether writes are private copies ({@code is_cow_mapping()}). */
    public boolean isCow() {
        return (flags & (VmFlags.VM_SHARED | VmFlags.VM_MAYWRITE)) == VmFlags.VM_MAYWRITE;
    }

    /** The file page that maps {@code vaddr}. */
    public long pageIndex(long vaddr) {
        return pgoff + ((vaddr - start) >>> 12);
    }

    /** Pages in the VMA. */
    public long pages() {
        return (end - start) >>> 12;
    }

    /** A copy over {@code [from, to)} of this VMA, with its offset moved along ({@code vma_dup()} and a split). */
    Vma slice(long from, long to) {
        Vma part = new Vma(from, to, flags, pgoff + ((from - start) >>> 12), file, name);
        part.anonVma = anonVma;
        part.hugetlb = hugetlb;
        part.resvOwner = resvOwner;
        part.policy = policy;
        return part;
    }

    /** Whether {@code next}, starting where this one ends, could be the same VMA ({@code can_vma_merge_after()}). */
    boolean canMergeWith(Vma next) {
        if (end != next.start || flags != next.flags || hugetlb != null || next.hugetlb != null || file != next.file || !java.util.Objects.equals(name, next.name)
                || !java.util.Objects.equals(policy, next.policy)
                || (anonVma != 0 && next.anonVma != 0 && anonVma != next.anonVma)) {
            return false;
        }
        return pgoff + pages() == next.pgoff;
    }
}
