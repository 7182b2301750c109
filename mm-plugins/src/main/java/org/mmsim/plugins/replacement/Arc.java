package org.mmsim.plugins.replacement;

import com.google.auto.service.AutoService;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;

/**
 * ARC, the Adaptive Replacement Cache: Megiddo &amp; Modha, "ARC: A Self-Tuning, Low Overhead Replacement Cache",
 * 2nd USENIX Conference on File and Storage Technologies (FAST), 2003, Fig. 4.
 *
 * <p>Resident pages are on two LRU lists: T1 holds pages seen once recently, T2 pages seen at least twice. Two ghost
 * LRU lists of keys only, B1 and B2, remember the pages recently evicted from T1 and T2. A target size {@code p} for
 * T1 moves towards whichever ghost list is being hit, and {@code REPLACE} evicts from T1 while T1 exceeds it:
 * <ul>
 *   <li>Case I, a hit in T1 or T2: the page becomes the MRU page of T2.</li>
 *   <li>Case II, a miss on a key in B1: {@code p = min(p + δ1, c)}, {@code δ1 = max(1, |B2| / |B1|)}; then
 *       {@code REPLACE}; the page enters T2 at the MRU end and leaves B1.</li>
 *   <li>Case III, a miss on a key in B2: {@code p = max(p - δ2, 0)}, {@code δ2 = max(1, |B1| / |B2|)}; then
 *       {@code REPLACE}; the page enters T2 at the MRU end and leaves B2.</li>
 *   <li>Case IV, a miss on a key in no list: if {@code |T1| + |B1| = c}, the LRU key of B1 is dropped and
 *       {@code REPLACE} runs, or, when {@code |T1| = c} (B1 is then empty), the LRU page of T1 is evicted with no
 *       ghost; otherwise, if all four lists hold {@code 2c} entries, the LRU key of B2 is dropped and {@code REPLACE}
 *       runs. The page enters T1 at the MRU end.</li>
 *   <li>{@code REPLACE(x, p)}: if T1 is not empty and either {@code |T1| > p}, or {@code x} is in B2 and
 *       {@code |T1| = p}, the LRU page of T1 is evicted and its key becomes the MRU key of B1; otherwise the LRU page
 *       of T2 is evicted and its key becomes the MRU key of B2.</li>
 * </ul>
 *
 * <p>How the cases map onto the SPI: {@link ReplacementPolicy#onMiss(long)} finds the case, adapts {@code p} on a ghost
 * hit and does case IV's ghost trimming (so the directory stays within its bounds even when the host has a free slot
 * and calls no eviction); {@link ReplacementPolicy#evict()} runs {@code REPLACE}, using the case remembered from the
 * miss for the tie rule and for case IV's "evict T1's LRU without a ghost"; {@link ReplacementPolicy#onInsert(long, int)}
 * moves the key from its ghost list to T2, or puts a new key on T1. Without removals the host calls
 * {@code evict()} exactly where the paper calls {@code REPLACE}: once the cache is full it stays full, and no ghost
 * exists before that.
 *
 * <p>Choices the paper leaves open:
 * <ul>
 *   <li>{@code p} is an integer, starting at 0 as in the paper's initialisation. The paper's text treats {@code p} as
 *       real, but Fig. 4 compares {@code |T1|} with {@code p} for equality, which only bites for integer values; δ is
 *       the floor of the ghost-size ratio, never below 1. The libCacheSim ARC the reference miss ratios come from makes
 *       the same choice.</li>
 *   <li>A ghost hit's key stays on its ghost list until {@code onInsert}, so {@code REPLACE} sees the directory exactly
 *       as the paper's order of steps leaves it (adapt, replace, then move x to T2).</li>
 *   <li>{@code onRemove}: the page leaves T1 or T2 and no ghost is kept, because the host freed it rather than the
 *       policy choosing it, and a later miss on it says nothing about the balance of T1 and T2. The cache then stays
 *       below capacity until misses fill it; until then the host calls no {@code evict()}, so ghost hits move their
 *       keys into T2 without a replacement, as in the paper's cold start.</li>
 *   <li>{@code REPLACE}'s second branch with T2 empty (reachable only after removals or evictions the host asks for
 *       outside a miss) takes the LRU page of T1 instead, into B1.</li>
 *   <li>An {@code evict()} with no miss pending (the kernel reclaiming on its own) runs {@code REPLACE} with x in no
 *       ghost list. Such evictions move pages to ghosts without a miss, so the ghosts can outnumber {@code c}; the
 *       paper's bound on the whole directory, {@code |T1| + |T2| + |B1| + |B2| <= 2c}, still holds, and the ghost
 *       store is sized for it.</li>
 * </ul>
 */
@AutoService(ReplacementPolicyProvider.class)
public final class Arc implements ReplacementPolicyProvider {
    @Override
    public String name() {
        return "arc";
    }

    @Override
    public String description() {
        return "Adaptive Replacement Cache: recency and frequency LRU lists tuned by ghost hits (Megiddo & Modha, FAST 2003)";
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        return new Policy(settings.capacity());
    }

    /**
     * The sizes {@code |T1|, |T2|, |B1|, |B2|} and {@code p} of a policy this provider created, for tests of the
     * paper's invariants.
     */
    static int[] state(ReplacementPolicy policy) {
        Policy arc = (Policy) policy;
        IntLinkedLists lists = arc.lists;
        return new int[] {lists.size(T1), lists.size(T2), lists.size(B1), lists.size(B2), arc.p};
    }

    private static final int T1 = 0;
    private static final int T2 = 1;
    private static final int B1 = 2;
    private static final int B2 = 3;
    private static final int NONE = -1;

    private static final class Policy implements ReplacementPolicy {
        private final int capacity;
        /** Slots are nodes {@code [0, c)}, ghosts nodes {@code [c, 3c)}; every list runs from LRU (first) to MRU (last). */
        private final IntLinkedLists lists;
        private final long[] slotKey;
        private final GhostKeys ghosts;
        private int p;
        /** The ghost node of the key of the miss in progress, or NONE. */
        private int pendingGhost = NONE;
        /** Case IV with {@code |T1| = c}: the coming eviction takes T1's LRU page and keeps no ghost. */
        private boolean dropT1Lru;

        Policy(int capacity) {
            this.capacity = capacity;
            int ghosts = 2 * capacity;
            lists = new IntLinkedLists(capacity + ghosts, 4);
            slotKey = new long[capacity];
            this.ghosts = new GhostKeys(capacity, ghosts);
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void onHit(int slot) {
            lists.moveToLast(T2, slot);
        }

        @Override
        public void onMiss(long key) {
            dropT1Lru = false;
            int ghost = ghosts.find(key);
            pendingGhost = ghost;
            int b1 = lists.size(B1);
            int b2 = lists.size(B2);
            if (ghost != NONE) {
                if (lists.listOf(ghost) == B1) {
                    p = Math.min(p + (b1 >= b2 ? 1 : b2 / b1), capacity);
                } else {
                    p = Math.max(p - (b2 >= b1 ? 1 : b1 / b2), 0);
                }
                return;
            }
            int t1 = lists.size(T1);
            if (t1 + b1 == capacity) {
                if (t1 < capacity) {
                    dropGhost(lists.first(B1));
                } else {
                    dropT1Lru = true;
                }
            } else if (t1 + lists.size(T2) + b1 + b2 == 2 * capacity) {
                dropGhost(lists.first(B2));
            }
        }

        @Override
        public int evict() {
            if (dropT1Lru) {
                dropT1Lru = false;
                return lists.removeFirst(T1);
            }
            int t1 = lists.size(T1);
            boolean xInB2 = pendingGhost != NONE && lists.listOf(pendingGhost) == B2;
            int victim;
            if (t1 > 0 && (t1 > p || (xInB2 && t1 == p) || lists.size(T2) == 0)) {
                victim = lists.removeFirst(T1);
                addGhost(B1, slotKey[victim]);
            } else {
                victim = lists.removeFirst(T2);
                addGhost(B2, slotKey[victim]);
            }
            return victim;
        }

        @Override
        public void onInsert(long key, int slot) {
            slotKey[slot] = key;
            int ghost = pendingGhost;
            pendingGhost = NONE;
            dropT1Lru = false;
            if (ghost != NONE && ghosts.key(ghost) == key) {
                dropGhost(ghost);
                lists.addLast(T2, slot);
            } else {
                lists.addLast(T1, slot);
            }
        }

        @Override
        public void onRemove(int slot) {
            lists.remove(slot);
        }

        private void addGhost(int list, long key) {
            int node = ghosts.remember(key);
            lists.addLast(list, node);
        }

        private void dropGhost(int node) {
            lists.remove(node);
            ghosts.forget(node);
        }
    }
}
