package org.mmsim.reclaim.fake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.kernel.ReverseMap;
import org.mmsim.api.kernel.SwapCache;

/**
 * Reverse mapping for the reclaim tests: each page's page-table entries as a list of (pid, address, Accessed bit,
 * Dirty bit), kept beside the frames' map counts as the paging layer keeps them (each entry holds a map count and a
 * reference). {@link #tryToUnmap} does what {@code try_to_unmap()} does to the entries: an anonymous page's become
 * its swap entry (each one {@code swap_duplicate()}d and remembered in {@link #swapPtes}), a file page's go, a dirty
 * bit dirtying the page in the page cache. A page can be made {@link #stick}y: its entries cannot be unmapped (as
 * when the rmap walk finds a VM_LOCKED VMA or cannot take a lock).
 */
public final class FakeRmap implements ReverseMap {
    /** One page-table entry. */
    public static final class Pte {
        public final int pid;
        public final long vaddr;
        public boolean young;
        public boolean dirty;

        Pte(int pid, long vaddr, boolean young, boolean dirty) {
            this.pid = pid;
            this.vaddr = vaddr;
            this.young = young;
            this.dirty = dirty;
        }
    }

    /** A page-table entry that holds a swap entry instead of a page. */
    public record SwapPte(int pid, long vaddr, long entry) {
    }

    private final FakeFrames frames;
    private final Supplier<SwapCache> swap;
    private final Supplier<PageCache> cache;
    private final Map<Long, List<Pte>> ptes = new HashMap<>();
    private final Set<Long> sticky = new HashSet<>();
    /** The swap entries {@link #tryToUnmap} left in page tables, in the order it left them. */
    public final List<SwapPte> swapPtes = new ArrayList<>();

    public FakeRmap(FakeFrames frames, Supplier<SwapCache> swap, Supplier<PageCache> cache) {
        this.frames = frames;
        this.swap = swap;
        this.cache = cache;
    }

    /**
     * Maps {@code pfn} once more: a map count and a reference, as {@code folio_add_*_rmap} with {@code get_page}.
     * With {@code takeReference} false the caller's reference (a new page's) becomes the entry's.
     */
    public void map(long pfn, int pid, long vaddr, boolean young, boolean dirty, boolean takeReference) {
        if (takeReference) {
            frames.getPage(pfn);
        }
        frames.incMapcount(pfn);
        ptes.computeIfAbsent(pfn, p -> new ArrayList<>()).add(new Pte(pid, vaddr, young, dirty));
    }

    /** Removes the last entry mapping {@code pfn} (zap_pte_range()): map count and reference. */
    public void unmapOne(long pfn) {
        List<Pte> list = ptes.get(pfn);
        list.remove(list.size() - 1);
        if (list.isEmpty()) {
            ptes.remove(pfn);
        }
        frames.decMapcount(pfn);
        frames.putPage(pfn);
    }

    /** The entries mapping {@code pfn} (a copy). */
    public List<Pte> ptes(long pfn) {
        return List.copyOf(ptes.getOrDefault(pfn, List.of()));
    }

    /** The MMU sets the Accessed bit of every entry mapping {@code pfn}. */
    public void touch(long pfn) {
        for (Pte pte : ptes.getOrDefault(pfn, List.of())) {
            pte.young = true;
        }
    }

    /** The entries of {@code pfn} can no longer be unmapped ({@code tryToUnmap} leaves them), or can again. */
    public void stick(long pfn, boolean stuck) {
        if (stuck) {
            sticky.add(pfn);
        } else {
            sticky.remove(pfn);
        }
    }

    /** Forgets a swap PTE (its process let go of it, or a fault mapped the page again). */
    public void dropSwapPte(SwapPte pte) {
        if (!swapPtes.remove(pte)) {
            throw new IllegalArgumentException("no swap PTE " + pte);
        }
    }

    @Override
    public void forEachMapping(long pfn, MappingVisitor visitor) {
        for (Pte pte : ptes.getOrDefault(pfn, List.of())) {
            visitor.visit(pte.pid, pte.vaddr, pfn << 12 | 1 | (pte.young ? 0x20 : 0) | (pte.dirty ? 0x40 : 0));
        }
    }

    @Override
    public int referenced(long pfn) {
        int young = 0;
        for (Pte pte : ptes.getOrDefault(pfn, List.of())) {
            if (pte.young) {
                young++;
                pte.young = false;
            }
        }
        return young;
    }

    @Override
    public boolean tryToUnmap(long pfn, long swapEntry) {
        if (sticky.contains(pfn)) {
            return frames.mapcount(pfn) == 0;
        }
        List<Pte> list = ptes.remove(pfn);
        if (list == null) {
            return frames.mapcount(pfn) == 0;
        }
        for (Pte pte : list) {
            if (swapEntry != 0) {
                swap.get().duplicate(swapEntry);
                swapPtes.add(new SwapPte(pte.pid, pte.vaddr, swapEntry));
            } else if (pte.dirty) {
                cache.get().setPageDirty(pfn);
            }
            frames.decMapcount(pfn);
            frames.putPage(pfn);
        }
        return frames.mapcount(pfn) == 0;
    }
}
