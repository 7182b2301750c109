package org.mmsim.reclaim.swap;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.kernel.SwapEntry;

/**
 * The machine's swap areas (mm/swapfile.c): {@code swap_info[]} by type, the list of areas slots may come from
 * ({@code swap_avail_head}: by priority, highest first; an area joins behind those of its priority, leaves while it
 * is full or being swapped off), and {@code least_priority}, the last of the negative priorities handed to areas
 * swapped on without one.
 */
final class SwapAreas {
    /** {@code MAX_SWAPFILES}: as many as a swap entry's type field can name. */
    static final int MAX = 1 << SwapEntry.TYPE_BITS;

    private final SwapInfo[] byType = new SwapInfo[MAX];
    private final List<SwapInfo> avail = new ArrayList<>();
    private int leastPriority = -1;

    /** The area of type {@code type}, or null. */
    SwapInfo get(int type) {
        return type >= 0 && type < MAX ? byType[type] : null;
    }

    /** The area at {@code path}, or null. */
    SwapInfo byPath(String path) {
        for (SwapInfo si : byType) {
            if (si != null && si.path.equals(path)) {
                return si;
            }
        }
        return null;
    }

    /** Every area, by type: /proc/swaps' order. */
    List<SwapInfo> all() {
        List<SwapInfo> all = new ArrayList<>();
        for (SwapInfo si : byType) {
            if (si != null) {
                all.add(si);
            }
        }
        return all;
    }

    /** The lowest free type ({@code alloc_swap_info()}), or -1 if every one is taken. */
    int freeType() {
        for (int type = 0; type < MAX; type++) {
            if (byType[type] == null) {
                return type;
            }
        }
        return -1;
    }

    /** {@code --least_priority}: the priority of an area swapped on without one. */
    int nextNegativePriority() {
        return --leastPriority;
    }

    /** Adds an area ({@code enable_swap_info()}). */
    void add(SwapInfo si) {
        byType[si.type] = si;
        update(si);
    }

    /** Removes an area for good, at the end of swapoff. */
    void remove(SwapInfo si) {
        avail.remove(si);
        byType[si.type] = null;
    }

    /**
     * Starts a swapoff of {@code si}: no more slots from it, and, if its priority is negative, every area after it
     * moves up one, as {@code swapoff()} renumbers them so that the negative priorities stay -2, -3, ...
     */
    void disable(SwapInfo si) {
        si.writeOk = false;
        avail.remove(si);
        if (si.prio < 0) {
            for (SwapInfo other : byType) {
                if (other != null && other != si && other.prio < si.prio) {
                    other.prio++;
                }
            }
            leastPriority++;
        }
    }

    /**
     * Puts back an area whose swapoff failed ({@code reinsert_swap_info()}): one with a negative priority gets the
     * last one again, since {@link #disable} gave its old place away.
     */
    void reinsert(SwapInfo si) {
        if (si.prio < 0) {
            si.prio = nextNegativePriority();
        }
        si.writeOk = true;
        update(si);
    }

    /**
     * Puts {@code si} on the available list or takes it off, as its slots run out or free up
     * ({@code del_from_avail_list()}, {@code add_to_avail_list()}).
     */
    void update(SwapInfo si) {
        boolean usable = si.writeOk && !si.full() && byType[si.type] == si;
        boolean listed = avail.contains(si);
        if (usable && !listed) {
            int at = 0;
            while (at < avail.size() && avail.get(at).prio >= si.prio) {
                at++;
            }
            avail.add(at, si);
        } else if (!usable && listed) {
            avail.remove(si);
        }
    }

    /** The available areas in the order allocation tries them. */
    List<SwapInfo> available() {
        return new ArrayList<>(avail);
    }

    /** {@code plist_requeue()}: {@code si} goes behind the other areas of its priority, so they take turns. */
    void requeue(SwapInfo si) {
        int from = avail.indexOf(si);
        if (from < 0) {
            return;
        }
        avail.remove(from);
        int at = from;
        while (at < avail.size() && avail.get(at).prio == si.prio) {
            at++;
        }
        avail.add(at, si);
    }

    /** {@code total_swap_pages}: the usable slots of the areas in service. */
    long totalPages() {
        long total = 0;
        for (SwapInfo si : byType) {
            if (si != null && si.writeOk) {
                total += si.pages();
            }
        }
        return total;
    }

    /** {@code nr_swap_pages}: their free slots. */
    long freePages() {
        long free = 0;
        for (SwapInfo si : byType) {
            if (si != null && si.writeOk) {
                free += si.pages() - si.inuse;
            }
        }
        return free;
    }

    /** {@code vm_swap_full()}: more than half of swap is in use, so swap-cache copies are given up more readily. */
    boolean swapFull() {
        return freePages() * 2 < totalPages();
    }
}
