package org.mmsim.plugins.replacement;

import com.google.auto.service.AutoService;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;

/**
 * SIEVE: one FIFO queue, a visited bit per page and a hand. New pages join the head; a hit sets the page's bit; to
 * find a victim the hand walks from where it last stopped towards the head, clearing set bits, and takes the first
 * page whose bit is clear. Unlike CLOCK, a page the hand spares stays where it is, so new pages and survivors never
 * mix: new pages that are not reused are sifted out quickly. Zhang, Yang, Yue, Vigfusson &amp; Rashmi, "SIEVE is
 * Simpler than LRU: an Efficient Turn-Key Eviction Algorithm for Web Caches", NSDI 2024.
 *
 * <p>Choices, following the paper's pseudocode where it is explicit and libCacheSim's SIEVE (whose w106 miss ratio,
 * 0.0836 at 27,517 pages, this one reproduces) where it is not:
 * <ul>
 *   <li>A new page starts with its bit clear: only a hit marks a page visited.</li>
 *   <li>The hand starts at the tail (the oldest page). When it walks past the head it wraps round to the tail.</li>
 *   <li>After an eviction the hand rests on the victim's neighbour towards the head; if the victim was the head, the
 *       next eviction starts again from the tail.</li>
 *   <li><b>onRemove.</b> The page leaves the queue; if the hand was on it, the hand moves on towards the head, exactly as
 *       after an eviction. No history is kept.</li>
 * </ul>
 * Each call is O(1) except {@link ReplacementPolicy#evict()}, amortised O(1): every bit it clears was set by a hit.
 */
@AutoService(ReplacementPolicyProvider.class)
public final class Sieve implements ReplacementPolicyProvider {
    @Override
    public String name() {
        return "sieve";
    }

    @Override
    public String description() {
        return "SIEVE: FIFO with visited bits and a hand that leaves survivors in place (Zhang et al., NSDI 2024)";
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        return new Policy(settings.capacity());
    }

    private static final class Policy implements ReplacementPolicy {
        private static final int NIL = IntLinkedLists.NIL;
        /** First is the head (newest), last the tail (oldest); the hand walks from last towards first. */
        private static final int QUEUE = 0;
        private final IntLinkedLists queue;
        private final boolean[] visited;
        private final int capacity;
        /** Where the next search starts; NIL means the tail. */
        private int hand = NIL;

        Policy(int capacity) {
            this.capacity = capacity;
            queue = new IntLinkedLists(capacity, 1);
            visited = new boolean[capacity];
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void onHit(int slot) {
            visited[slot] = true;
        }

        @Override
        public int evict() {
            int at = hand == NIL ? queue.last(QUEUE) : hand;
            while (visited[at]) {
                visited[at] = false;
                at = queue.prev(at);
                if (at == NIL) {
                    at = queue.last(QUEUE);
                }
            }
            hand = queue.prev(at);
            queue.remove(at);
            return at;
        }

        @Override
        public void onInsert(long key, int slot) {
            visited[slot] = false;
            queue.addFirst(QUEUE, slot);
        }

        @Override
        public void onRemove(int slot) {
            if (slot == hand) {
                hand = queue.prev(slot);
            }
            queue.remove(slot);
        }
    }
}
