package org.mmsim.paging.mm;

import java.util.ArrayList;
import org.mmsim.api.paging.PagingMode;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.pagetable.AddressSpaceTables;
import org.mmsim.paging.pagetable.PageTables;
import org.mmsim.paging.pagetable.Walk;

/**
 * The life of an address space as kernel/fork.c runs it: {@code mm_alloc()} makes an empty one (with its PCID, and
 * its mmap base as {@code arch_pick_mmap_layout()} puts it), {@code dup_mm()} copies a parent's for fork (its VMAs,
 * and its page tables with private writable pages, huge ones too, made copy-on-write in both,
 * {@code copy_page_range()}), and
 * {@code mmput()} of the last user tears it down ({@code exit_mmap()}).
 */
final class Fork {
    private final PageTables pageTables;
    private final PagingMode mode;
    private final Rmap rmap;
    private final KernelObjects objects;
    private final Mmu mmu;
    private final FaultHandler faults;
    private final Mmap mmap;
    private final OvercommitAccounting overcommit;
    // The last ctx_id given (last_mm_ctx_id, arch/x86/mm/init.c): ids are never reused; 0 names no address space.
    private int lastCtxId;
    private final Walk at = new Walk();

    Fork(PageTables pageTables, Rmap rmap, KernelObjects objects, Mmu mmu, FaultHandler faults, Mmap mmap,
         OvercommitAccounting overcommit) {
        this.pageTables = pageTables;
        this.mode = pageTables.mode();
        this.rmap = rmap;
        this.objects = objects;
        this.mmu = mmu;
        this.faults = faults;
        this.mmap = mmap;
        this.overcommit = overcommit;
    }

    /**
     * {@code DEFAULT_MAP_WINDOW}: the top of the user space the stack and mmap use. With 5-level paging addresses
     * above 47 bits are given only to mmap hints that ask for them, so the window stays at 47 bits.
     */
    static long mapWindow(PagingMode mode) {
        return mode == PagingMode.X86_64_5LEVEL ? PagingMode.X86_64_4LEVEL.taskSize() : mode.taskSize();
    }

    /** {@code mm_alloc()}: a new, empty address space for the task {@code owner}. */
    Mm mmAlloc(int owner) {
        // init_new_context(): a new ctx_id; each CPU gives it one of its ASIDs when it first runs there.
        int ctx = ++lastCtxId;
        // mmap_base(): 128 MiB (the minimum gap for the stack) below the top of the default window.
        Mm mm = new Mm(new AddressSpaceTables(pageTables), ctx, mapWindow(mode) - (128L << 20), mode.taskSize(), rmap,
                objects);
        mm.owner = owner;
        return mm;
    }

    /**
     * {@code dup_mm()}: fills the child's new address space {@code to} from the parent's {@code from}.
     *
     * @throws SyscallException EINTR if the OOM killer took the parent meanwhile, ENOMEM without memory for tables
     */
    void dupMm(Mm from, Mm to) {
        to.startBrk = from.startBrk;
        to.brk = from.brk;
        to.startStack = from.startStack;
        to.exe = from.exe;
        to.malloc = from.malloc.copy();
        for (Vma vma : new ArrayList<>(from.vmas.values())) {
            Vma copy = vma.slice(vma.start, vma.end);
            // dup_mmap(): mlock is not inherited (VM_LOCKED_MASK cleared); the parent's pages stay locked by it.
            copy.flags &= ~VmFlags.VM_LOCKED;
            copy.anonVma = vma.anonVma;
            to.insert(copy);
            if (from.exited) {
                // The OOM killer chose the parent for the child's vm_area_struct: its address space is gone.
                throw new SyscallException("EINTR", "fork: killed by the OOM killer");
            }
            if ((vma.flags & VmFlags.VM_ACCOUNT) != 0) {
                overcommit.charge(vma.pages());
            }
            // hugetlb_dup_vma_private(): the child holds none of the parent's hugetlb reservations.
            copy.resvOwner = false;
            boolean hugetlbPrivate = vma.hugetlb != null && !vma.hugetlb.shared;
            if (vma.anonVma == 0 && !hugetlbPrivate) {
                // vma_needs_copy(): a mapping with no anonymous pages (a shared hugetlb one too) is left for the child
                // to fault in.
                continue;
            }
            copyPageRange(from, to, vma, copy);
        }
        mmu.flushMm(from.cpuMask, from.ctxId);
        to.hiwaterRss = to.rss();
        to.updateHiwater();
    }

    /** {@code copy_page_range()} of one VMA into its copy in the child: a huge PMD is shared whole. */
    private void copyPageRange(Mm from, Mm to, Vma vma, Vma copy) {
        from.tables.forEach(vma.start, vma.end, (vaddr, table, index, entry) -> {
            if ((entry & Pte.PSE) != 0) {
                if (vma.hugetlb != null) {
                    faults.hugetlb().copy(from, to, vma, vaddr, table, index, entry);
                } else {
                    faults.huge().copy(from, to, vaddr, table, index, entry);
                }
                return;
            }
            long childEntry = entry;
            if (SwapPtes.isSwap(entry)) {
                // copy_nonpresent_pte(): the child holds the entry too.
                faults.swapCache().duplicate(SwapPtes.entry(entry));
                to.swapEntries++;
            } else if ((entry & Pte.PRESENT) != 0 && (entry & Pte.SPECIAL) == 0) {
                // copy_present_pte(): private writable pages become copy-on-write in both; the child's entries are old.
                if (vma.isCow() && (entry & Pte.RW) != 0) {
                    childEntry = entry & ~Pte.RW;
                    from.tables.set(table, index, childEntry);
                }
                faults.share(to, copy, PageTables.pfnOf(entry));
            }
            if (!to.tables.prepare(vaddr, at)) {
                throw new SyscallException("ENOMEM", "fork: no memory for page tables");
            }
            to.tables.set(at, childEntry & ~Pte.ACCESSED);
        });
    }

    /**
     * {@code mmput()} of the last user of {@code mm}, {@code task} or the address space exec replaced in it:
     * {@code exit_mmap()} zaps and uncharges every VMA, frees every page table, clears the TLBs of it, and frees its
     * PCID.
     */
    void mmput(Task task, Mm mm, int cpu) {
        Mm current = task.mm;
        task.mm = mm;
        for (Vma vma : new ArrayList<>(mm.vmas.values())) {
            mmap.close(task, vma, cpu);
        }
        mm.tables.freeAll();
        mm.exited = true;
        mm.drop();
        mmu.destroyContext(mm.ctxId);
        task.mm = current;
    }
}
