package org.mmsim.paging.mm;

import java.util.Map;
import java.util.TreeMap;

/**
 * The per-page map counts of the huge pages that PTEs map while they are still whole folios: the
 * {@code _mapcount} of each page of a large folio (mm/rmap.c). After fork shares a huge PMD, a write in one process
 * splits that process's PMD into 512 PTEs ({@code __split_huge_pmd()}) and leaves the folio whole, still mapped by
 * the other's PMD. The head frame's own map count stays the count of PMDs mapping the folio
 * ({@code _entire_mapcount}), so the PTE counts, the head page's included, are kept here, by head frame.
 *
 * <p>A folio is here while some PTE maps it: after its last PMD went too, until {@link HugePmds} splits it (the
 * deferred split), each page then keeping its PTE count as its own map count, or until no PTE maps it and it is
 * freed whole.
 */
final class PteMappedThps {
    private static final int PAGES = 1 << HugePmds.ORDER;
    // By head frame: the PTE count of each of the folio's pages, then at [PAGES] how many of them have one at all.
    private final TreeMap<Long, int[]> folios = new TreeMap<>();

    /** The head frame of the folio that {@code pfn} belongs to, if that folio is here; else -1. */
    long headOf(long pfn) {
        if (folios.isEmpty()) {
            return -1;
        }
        Map.Entry<Long, int[]> e = folios.floorEntry(pfn);
        return e != null && pfn < e.getKey() + PAGES ? e.getKey() : -1;
    }

    /** The PTEs mapping page {@code pfn} of the folio headed by {@code head}: 0 if the folio is not here. */
    int mapcount(long head, long pfn) {
        int[] counts = folios.get(head);
        return counts == null ? 0 : counts[(int) (pfn - head)];
    }

    /** One PTE more maps each page of the folio headed by {@code head}: a PMD of it was split. */
    void mapAll(long head) {
        int[] counts = folios.computeIfAbsent(head, h -> new int[PAGES + 1]);
        for (int i = 0; i < PAGES; i++) {
            counts[i]++;
        }
        counts[PAGES] = PAGES;
    }

    /** One PTE more maps page {@code pfn} of the folio headed by {@code head} (fork copies the PTE). */
    void map(long head, long pfn) {
        int[] counts = folios.get(head);
        if (counts[(int) (pfn - head)]++ == 0) {
            counts[PAGES]++;
        }
    }

    /**
     * One PTE less maps page {@code pfn} of the folio headed by {@code head}; the folio leaves when none maps it.
     *
     * @return whether no PTE maps that page any more
     */
    boolean unmap(long head, long pfn) {
        int[] counts = folios.get(head);
        if (--counts[(int) (pfn - head)] != 0) {
            return false;
        }
        if (--counts[PAGES] == 0) {
            folios.remove(head);
        }
        return true;
    }

    /** Takes the folio headed by {@code head} out: its per-page PTE counts, or null if it was not here. */
    int[] remove(long head) {
        return folios.remove(head);
    }

    /** How many pages of the folio headed by {@code head} some PTE maps (0 if it is not here). */
    int mappedPages(long head) {
        int[] counts = folios.get(head);
        return counts == null ? 0 : counts[PAGES];
    }
}
