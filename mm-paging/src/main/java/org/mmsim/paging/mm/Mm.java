package org.mmsim.paging.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mmsim.api.paging.MmCounters;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.paging.pagetable.AddressSpaceTables;
import org.mmsim.paging.pagetable.Walk;

/**
 * An address space ({@code struct mm_struct}): its VMAs in address order, its page tables, the program break, where
 * mmap looks for room, and the counters of task_mem(): resident pages by kind and their high-water mark, mapped
 * pages by kind and theirs.
 */
public final class Mm {
    final TreeMap<Long, Vma> vmas = new TreeMap<>();
    final AddressSpaceTables tables;
    /** Its {@code ctx_id}: each CPU tags its TLB entries with the PCID of the ASID it holds there. */
    final int ctxId;
    final long mmapBase;
    final long taskSize;
    long startBrk;
    long brk;
    long startStack;
    long rssAnon;
    long rssFile;
    long rssShmem;
    long hiwaterRss;
    long hiwaterVm;
    long swapEntries;
    /** Pages of the hugetlbfs huge pages mapped ({@code mm->hugetlb_usage}): not in any RSS counter. */
    long hugetlbUsage;
    /** Pages of VM_ACCOUNT mappings charged to vm_committed_as. */
    long committed;
    /** The file of the program, for VmExe. */
    org.mmsim.api.kalloc.FileRef exe;
    org.mmsim.paging.glibc.Malloc malloc = new org.mmsim.paging.glibc.Malloc();
    /** CPUs whose TLBs may hold this address space's entries ({@code mm_cpumask()}). */
    long cpuMask;
    /** Where local replacement's clock over this address space stopped last. */
    long localHand;
    /** {@code mm_forbids_zeropage()}: a read fault on anonymous memory allocates a page instead. */
    boolean forbidsZeroPage;
    /**
     * Torn down ({@code exit_mmap()}): the OOM killer can take a task while one of its faults waits for memory, and a
     * system call that faults pages in one after another (mlock, MAP_POPULATE) then stops.
     */
    boolean exited;
    /** The pid of the task whose address space this is ({@code mm->owner}). */
    int owner;
    /** The page table each huge PMD keeps deposited, by the PMD's address. */
    final TreeMap<Long, Long> deposits = new TreeMap<>();

    private final Rmap rmap;
    private final KernelObjects objects;
    /** Its {@code mm_struct} in the slab, 0 if none could be allocated. */
    final long object;

    Mm(AddressSpaceTables tables, int ctxId, long mmapBase, long taskSize, Rmap rmap, KernelObjects objects) {
        this.rmap = rmap;
        this.objects = objects;
        this.object = objects.allocMm();
        this.tables = tables;
        this.ctxId = ctxId;
        this.mmapBase = mmapBase;
        this.taskSize = taskSize;
    }

    public AddressSpaceTables tables() {
        return tables;
    }

    /** The VMA containing {@code vaddr}, or null ({@code vma_lookup()}). */
    public Vma find(long vaddr) {
        Map.Entry<Long, Vma> e = vmas.floorEntry(vaddr);
        return e != null && e.getValue().end > vaddr ? e.getValue() : null;
    }

    /** The VMAs overlapping {@code [from, to)}, in order. */
    List<Vma> overlapping(long from, long to) {
        List<Vma> found = new ArrayList<>();
        Map.Entry<Long, Vma> first = vmas.floorEntry(from);
        Long key = first != null && first.getValue().end > from ? first.getKey() : vmas.ceilingKey(from);
        if (key == null) {
            return found;
        }
        for (Vma vma : vmas.tailMap(key, true).values()) {
            if (vma.start >= to) {
                break;
            }
            found.add(vma);
        }
        return found;
    }

    /** Every VMA, in order. */
    public List<Vma> vmaList() {
        return new ArrayList<>(vmas.values());
    }

    void insert(Vma vma) {
        vma.mm = this;
        vma.object = objects.allocVma();
        if (vma.hugetlb != null) {
            vma.hugetlb.users++;
        }
        vmas.put(vma.start, vma);
        rmap.add(vma);
    }

    void remove(Vma vma) {
        vmas.remove(vma.start);
        rmap.remove(vma);
        objects.freeVma(vma.object);
        vma.object = 0;
    }

    /** Frees the mm_struct once every VMA is gone ({@code mmdrop()}). */
    void drop() {
        objects.freeMm(object);
    }

    /** Gives an inserted VMA its anon_vma, found in reverse mapping from now on. */
    void assignAnonVma(Vma vma, long anonVma) {
        if (vma.anonVma == 0 && anonVma != 0) {
            vma.anonVma = anonVma;
            rmap.addAnon(vma);
        }
    }

    /** Cuts the VMA containing {@code at} in two there, if one does ({@code split_vma()}). */
    void splitAt(long at) {
        Vma vma = find(at);
        if (vma == null || vma.start == at) {
            return;
        }
        Vma upper = vma.slice(at, vma.end);
        vma.end = at;
        insert(upper);
    }

    /** Merges {@code vma} with the VMAs on either side where they are alike ({@code vma_merge()}). */
    void merge(Vma vma) {
        Map.Entry<Long, Vma> prev = vmas.lowerEntry(vma.start);
        if (prev != null && prev.getValue().canMergeWith(vma)) {
            Vma p = prev.getValue();
            remove(vma);
            p.end = vma.end;
            assignAnonVma(p, vma.anonVma);
            vma = p;
        }
        Map.Entry<Long, Vma> next = vmas.higherEntry(vma.start);
        if (next != null && vma.canMergeWith(next.getValue())) {
            remove(next.getValue());
            vma.end = next.getValue().end;
            assignAnonVma(vma, next.getValue().anonVma);
        }
    }

    /**
     * A free range of {@code length} bytes, highest first below the mmap base ({@code vm_unmapped_area()} top-down),
     * or -1 if there is none.
     */
    long unmappedArea(long length) {
        return unmappedArea(length, 4096);
    }

    /** {@link #unmappedArea(long)} starting at a multiple of {@code align}. */
    long unmappedArea(long length, long align) {
        long top = mmapBase;
        for (Vma vma : vmas.descendingMap().values()) {
            if (vma.start >= top) {
                top = Math.min(top, vma.start);
                continue;
            }
            long start = (top - length) & -align;
            if (start >= vma.end) {
                return start;
            }
            top = vma.start;
        }
        long start = (top - length) & -align;
        return start >= 0x10000 ? start : -1;
    }

    /** Whether {@code [from, to)} meets no VMA. */
    boolean isFree(long from, long to) {
        return overlapping(from, to).isEmpty();
    }

    /** Mapped pages ({@code total_vm}). */
    long totalVm() {
        long pages = 0;
        for (Vma vma : vmas.values()) {
            pages += vma.pages();
        }
        return pages;
    }

    /** Whether another VM_LOCKED VMA (of any process) maps {@code pfn}, which {@code vma} of this one is letting go. */
    boolean lockedElsewhere(long pfn, long mapping, long index, Vma vma, Walk walk) {
        return rmap.lockedElsewhere(pfn, mapping, index, vma, walk);
    }

    long rss() {
        return rssAnon + rssFile + rssShmem;
    }

    /** Records new high-water marks ({@code update_hiwater_rss()}, {@code update_hiwater_vm()}). */
    void updateHiwater() {
        hiwaterRss = Math.max(hiwaterRss, rss());
        hiwaterVm = Math.max(hiwaterVm, totalVm());
    }

    /** The figures of /proc/PID/status, classified as {@code vm_stat_account()} does. */
    MmCounters counters() {
        long data = 0;
        long stack = 0;
        long exec = 0;
        long exeText = 0;
        long locked = 0;
        for (Vma vma : vmas.values()) {
            long f = vma.flags;
            if ((f & VmFlags.VM_LOCKED) != 0) {
                locked += vma.pages();
            }
            if ((f & VmFlags.VM_GROWSDOWN) != 0) {
                stack += vma.pages();
            } else if ((f & (VmFlags.VM_WRITE | VmFlags.VM_SHARED)) == VmFlags.VM_WRITE) {
                data += vma.pages();
            } else if ((f & (VmFlags.VM_EXEC | VmFlags.VM_WRITE)) == VmFlags.VM_EXEC) {
                exec += vma.pages();
                if (vma.file != null && vma.file == exe) {
                    exeText += vma.pages();
                }
            }
        }
        updateHiwater();
        return new MmCounters(totalVm(), hiwaterVm, locked, 0, hiwaterRss, rssAnon, rssFile, rssShmem, data, stack, exec,
                exeText, tables.bytes(), swapEntries, hugetlbUsage);
    }
}
