package org.mmsim.plugins.replacement;

import com.google.auto.service.AutoService;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;

/**
 * CLOCK, or second chance: the resident pages stand on a circle with one hand, each with a reference bit. A hit sets
 * the page's bit; to find a victim the hand sweeps forward, clearing every set bit it passes, and takes the first page
 * whose bit is already clear. Corbató, "A Paging Experiment with the Multics System", MIT Project MAC report MAC-M-384
 * (1968), in <em>In Honor of P. M. Morse</em>, MIT Press (1969).
 *
 * <p>Choices the paper leaves open, and what this implementation does:
 * <ul>
 *   <li><b>Initial bit.</b> A newly resident page starts with its bit <em>clear</em>: the miss that brought it in does
 *       not count as a reference. A page therefore needs one hit after insertion to survive a full sweep. This is what
 *       libCacheSim's CLOCK does (its objects start at frequency 0), and its w106 reference miss ratio of 0.0838 depends
 *       on it (this implementation gives 0.0838 too). Starting with the bit set would spare every new page once, so a
 *       page used only once would survive a whole lap.</li>
 *   <li><b>Where a new page goes.</b> Just behind the hand, the position the hand reaches last: a new page is examined
 *       only after every page that was resident before it. In list terms the hand is the tail of a FIFO, a new page
 *       joins the head, and a page spared by the hand also moves to the head; this is FIFO with reinsertion, the
 *       same order libCacheSim keeps.</li>
 *   <li><b>After an eviction</b> the hand rests on the page after the victim, so the next sweep resumes where this
 *       one stopped.</li>
 *   <li><b>onRemove.</b> The page leaves the circle; if the hand was on it, the hand moves on to the next page, as it
 *       would after an eviction. No history is kept.</li>
 * </ul>
 * Each call is O(1) except {@link ReplacementPolicy#evict()}, which clears at most one lap of bits: amortised O(1),
 * since every bit it clears was set by a hit.
 */
@AutoService(ReplacementPolicyProvider.class)
public final class Clock implements ReplacementPolicyProvider {
    @Override
    public String name() {
        return "clock";
    }

    @Override
    public String description() {
        return "CLOCK / second chance: a hand sweeps the pages, sparing and clearing referenced ones (Corbato 1968)";
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        return new Policy(settings.capacity());
    }

    private static final class Policy implements ReplacementPolicy {
        private static final int NIL = IntLinkedLists.NIL;
        private static final int CIRCLE = 0;
        /** The circle as a list whose end wraps round to its start ({@link #after}); order is all that matters. */
        private final IntLinkedLists circle;
        private final boolean[] referenced;
        private final int capacity;
        private int hand = NIL;

        Policy(int capacity) {
            this.capacity = capacity;
            circle = new IntLinkedLists(capacity, 1);
            referenced = new boolean[capacity];
        }

        @Override
        public int capacity() {
            return capacity;
        }

        private int after(int slot) {
            int next = circle.next(slot);
            return next == NIL ? circle.first(CIRCLE) : next;
        }

        @Override
        public void onHit(int slot) {
            referenced[slot] = true;
        }

        @Override
        public int evict() {
            while (referenced[hand]) {
                referenced[hand] = false;
                hand = after(hand);
            }
            int victim = hand;
            leave(victim);
            return victim;
        }

        @Override
        public void onInsert(long key, int slot) {
            referenced[slot] = false;
            if (hand == NIL) {
                circle.addLast(CIRCLE, slot);
                hand = slot;
            } else {
                circle.addBefore(hand, slot);
            }
        }

        @Override
        public void onRemove(int slot) {
            leave(slot);
        }

        private void leave(int slot) {
            if (slot == hand) {
                hand = circle.size(CIRCLE) == 1 ? NIL : after(slot);
            }
            circle.remove(slot);
        }
    }
}
