package org.mmsim.paging.mm;

import java.util.Iterator;
import java.util.LinkedHashSet;
import org.mmsim.api.kernel.Shrinker;

/**
 * The deferred split queue of anonymous huge pages (mm/huge_memory.c: {@code deferred_split_folio()},
 * {@code deferred_split_scan()}): a folio that no PMD maps any more and that PTEs map only in part is queued, and
 * counted once in thp_deferred_split_page, instead of being split at once; its shrinker splits the queued folios,
 * oldest first, when reclaim or {@code drop_caches} runs the shrinkers, freeing the pages no PTE maps. The kernel
 * keeps a queue a node (and a memory cgroup); the model one for the machine.
 */
final class DeferredSplit implements Shrinker {
    // Head frames, in the order queued.
    private final LinkedHashSet<Long> queue = new LinkedHashSet<>();
    private final HugePmds thp;

    DeferredSplit(HugePmds thp) {
        this.thp = thp;
    }

    /** Queues the folio headed by {@code head}; whether it was not queued yet. */
    boolean add(long head) {
        return queue.add(head);
    }

    /** Takes the folio headed by {@code head} off the queue, if it is there (it was freed whole). */
    void remove(long head) {
        queue.remove(head);
    }

    @Override
    public long countObjects() {
        return queue.size();
    }

    @Override
    public long scanObjects(long nr) {
        long split = 0;
        for (Iterator<Long> it = queue.iterator(); it.hasNext() && split < nr; split++) {
            long head = it.next();
            it.remove();
            thp.splitQueued(head);
        }
        return split;
    }
}
