package org.mmsim.paging.mm;

import org.mmsim.api.paging.Pte;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.reclaim.Reclaim;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.pagetable.AddressSpaceTables;
import org.mmsim.paging.pagetable.PageTables;

/**
 * Local page replacement ({@code replacement=local}): every process may keep resident an equal share of the memory
 * that was free at boot, as if each ran in a memory cgroup of its own with {@code memory.max} at that share. A fault
 * that takes a process past its share makes it give up pages of its own (try_to_free_mem_cgroup_pages() in
 * mm/vmscan.c reclaims only the cgroup's pages): a second-chance clock over its page tables, from where the last
 * one stopped, clears the Accessed bit of a page that has it and hands one that has not to reclaim, which checks it
 * and frees it as any other page (a swap-out for anonymous memory, a drop for a clean file page).
 *
 * <p>A process whose pages cannot go (no swap for anonymous memory, locked pages) stays above its share: the clock
 * gives up after passing each of its pages twice, and global reclaim goes on as before.
 */
public final class LocalReplacement implements AddressSpaceTables.EntryScanner {
    private final ReclaimOps reclaim;
    private final PageFrames frames;
    private final Mmu mmu;
    private final long userPages;
    private Mm mm;
    private int cpu;
    private long limit;
    private long budget;
    private long stoppedAt;

    /** @param userPages the memory free at boot, which the processes share */
    LocalReplacement(ReclaimOps reclaim, PageFrames frames, Mmu mmu, long userPages) {
        this.reclaim = reclaim;
        this.frames = frames;
        this.mmu = mmu;
        this.userPages = userPages;
    }

    /** Brings {@code mm} back within its share of {@code processes}' if it went past it. */
    void trim(Mm mm, int processes, int cpu) {
        long share = userPages / Math.max(1, processes);
        if (mm.rss() <= share) {
            return;
        }
        this.mm = mm;
        this.cpu = cpu;
        this.limit = share;
        this.budget = 2 * mm.rss();
        long hand = mm.localHand;
        stoppedAt = -1;
        if (!mm.tables.scan(hand, mm.taskSize, this) && hand > 0) {
            mm.tables.scan(0, hand, this);
        }
        mm.localHand = stoppedAt < 0 ? 0 : stoppedAt;
        this.mm = null;
    }

    @Override
    public boolean visit(long vaddr, long table, int index, long entry) {
        if (mm.rss() <= limit || budget-- <= 0) {
            stoppedAt = vaddr;
            return false;
        }
        if ((entry & (Pte.PRESENT | Pte.SPECIAL | Pte.PSE)) != Pte.PRESENT) {
            return true;
        }
        long pfn = PageTables.pfnOf(entry);
        if ((frames.flags(pfn) & (PageFlags.LRU | PageFlags.UNEVICTABLE)) != PageFlags.LRU) {
            return true;
        }
        if ((entry & Pte.ACCESSED) != 0) {
            // Its second chance: the next access through a fresh TLB entry marks it again.
            mm.tables.set(table, index, entry & ~Pte.ACCESSED);
            mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, vaddr);
            return true;
        }
        reclaim.reclaim().reclaimPage(pfn);
        return true;
    }
}
