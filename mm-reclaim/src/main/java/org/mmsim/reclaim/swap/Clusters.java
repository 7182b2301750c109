package org.mmsim.reclaim.swap;

import org.mmsim.spi.util.IntLinkedLists;

/**
 * The clusters of one swap area ({@code struct swap_cluster_info} in mm/swap.h, managed by mm/swapfile.c): runs of
 * {@code SWAPFILE_CLUSTER} slots, each with the count of its slots in use and on one list by how full it is. Slots
 * are handed out a cluster at a time, so that one CPU's pages sit together on the device and freed space comes back
 * in whole clusters.
 *
 * <p>A cluster's count includes the header (slot 0) and, in the last cluster, the slots past the area's end, as
 * {@code setup_clusters()} counts them, so a cluster is full at 256 whatever it holds. The lists are those of 6.18
 * for order-0 slots: free (nothing in use), nonfull (slots were freed in it since it was last scanned), frag (scanned
 * and partly used) and full. A cluster being scanned is taken off its list ({@code isolate_lock_cluster()}) and put
 * back by {@link #relocate}; freeing a slot moves its cluster to the free or the nonfull list, as
 * {@code free_cluster()} and {@code partial_free_cluster()} do.
 */
final class Clusters {
    /** {@code SWAPFILE_CLUSTER} without THP swap (mm/swap.h). */
    static final int SIZE = 256;
    static final int SHIFT = 8;
    static final int FREE = 0;
    static final int NONFULL = 1;
    static final int FRAG = 2;
    static final int FULL = 3;

    private final int[] count;
    private final IntLinkedLists lists;

    /** @param max the slots of the area, header included ({@code si->max}) */
    Clusters(long max) {
        int n = (int) ((max + SIZE - 1) >>> SHIFT);
        count = new int[n];
        lists = new IntLinkedLists(n, 4);
        count[0]++;
        count[n - 1] += (int) (((long) n << SHIFT) - max);
        for (int c = 0; c < n; c++) {
            lists.addLast(count[c] == 0 ? FREE : count[c] == SIZE ? FULL : NONFULL, c);
        }
    }

    /** How many clusters the area has. */
    int clusters() {
        return count.length;
    }

    /** The slots of cluster {@code c} in use, with the header and the tail. */
    int count(int c) {
        return count[c];
    }

    /** The list cluster {@code c} is on, or {@link IntLinkedLists#NIL} while it is being scanned. */
    int listOf(int c) {
        return lists.listOf(c);
    }

    /** The first cluster of {@code list}, or {@link IntLinkedLists#NIL}. */
    int first(int list) {
        return lists.first(list);
    }

    /** How many clusters are on {@code list}. */
    int size(int list) {
        return lists.size(list);
    }

    /** Takes cluster {@code c} off its list to scan it. */
    void isolate(int c) {
        if (lists.isLinked(c)) {
            lists.remove(c);
        }
    }

    /** A slot of cluster {@code c} was taken. */
    void taken(int c) {
        count[c]++;
    }

    /** A slot of cluster {@code c} was freed: the cluster goes to the free list if empty, else to the nonfull list. */
    void freed(int c) {
        count[c]--;
        move(c, count[c] == 0 ? FREE : NONFULL);
    }

    /** {@code relocate_cluster()}: after a scan, the cluster goes where its count says (a partly used one: frag). */
    void relocate(int c) {
        move(c, count[c] == 0 ? FREE : count[c] == SIZE ? FULL : FRAG);
    }

    private void move(int c, int list) {
        if (lists.listOf(c) == list) {
            return;
        }
        if (lists.isLinked(c)) {
            lists.remove(c);
        }
        lists.addLast(list, c);
    }
}
