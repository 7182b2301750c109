package org.mmsim.api.reclaim;

/**
 * Page reclaim's controls and entry points (mm/vmscan.c): vm.swappiness, and reclaiming a node on demand (what
 * {@code echo N > memory.reclaim} or a benchmark asks for).
 */
public interface Reclaim {
    /** vm.swappiness: 0 to 200, how readily anonymous pages are swapped against file pages dropped (default 60). */
    int swappiness();

    /**
     * Sets vm.swappiness.
     *
     * @throws IllegalArgumentException outside 0 to 200
     */
    void setSwappiness(int swappiness);

    /** Reclaims up to {@code pages} pages from {@code node} as direct reclaim would; returns the pages reclaimed. */
    long reclaimNode(int node, long pages);

    /**
     * Reclaims one page a process gives up under local replacement (a memory cgroup over its limit reclaiming its
     * own pages), counted as direct reclaim: checked and reclaimed as a page from an inactive list's tail is; an
     * active page is deactivated instead (its second chance). A page it swaps out waits in the disk's plug until the
     * caller, done with its batch, unplugs the layers' {@code BlockQueue}.
     *
     * @return whether the page was freed
     */
    boolean reclaimPage(long pfn);
}
