package org.mmsim.plugins.replacement;

import com.google.auto.service.AutoService;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;

/**
 * CAR, CLOCK with Adaptive Replacement: Bansal &amp; Modha, "CAR: Clock with Adaptive Replacement", 3rd USENIX
 * Conference on File and Storage Technologies (FAST), 2004, Fig. 2. ARC's adaptation with CLOCK's cheap hits.
 *
 * <p>Resident pages are on two clocks with a reference bit per page: T1 for pages seen once recently, T2 for pages
 * seen at least twice. Two ghost LRU lists of keys only, B1 and B2, remember pages recently evicted from T1 and T2,
 * and a target size {@code p} for T1 follows the ghost hits:
 * <ul>
 *   <li>A hit sets the page's reference bit and nothing else.</li>
 *   <li>A miss with the cache full runs {@code replace()}: while {@code |T1| >= max(1, p)} the hand of T1 looks at its
 *       head page: unreferenced, it is evicted and its key becomes B1's MRU key; referenced, its bit is cleared and it
 *       moves to the tail of T2. Otherwise the hand of T2 looks at its head: unreferenced, it is evicted into B2's MRU
 *       end; referenced, its bit is cleared and it goes to T2's tail. The sweep repeats until a page is evicted.</li>
 *   <li>Then, for a key in neither ghost list: if {@code |T1| + |B1| = c} the LRU key of B1 is dropped, else if all four
 *       lists hold {@code 2c} entries the LRU key of B2 is dropped; and the page enters T1's tail with its bit clear.</li>
 *   <li>For a key in B1: {@code p = min(p + max(1, |B2| / |B1|), c)}; in B2: {@code p = max(p - max(1, |B1| / |B2|), 0)};
 *       either way the key leaves its ghost list and the page enters T2's tail with its bit clear.</li>
 * </ul>
 * Unlike ARC, CAR adapts {@code p} after the replacement, with ghost sizes that include the page just evicted, so all
 * of a miss's bookkeeping happens in {@link ReplacementPolicy#onInsert(long, int)}, after the host's
 * {@link ReplacementPolicy#evict()}; {@code replace()} does not depend on the missing key, so {@code onMiss} has
 * nothing to do.
 *
 * <p>Choices the paper leaves open:
 * <ul>
 *   <li>{@code p} is an integer starting at 0, and the ghost-size ratios are rounded down (as for {@link Arc}); the
 *       paper's text allows a real {@code p}.</li>
 *   <li>A clock is a list whose head is under the hand; "moving the hand past" a page is moving it to the tail.</li>
 *   <li>The ghost trimming (Fig. 2, lines 6-10) runs on every miss, not only when the cache was full. Without removals
 *       the two are the same (while the cache is not full no ghost exists and neither condition can hold); with
 *       removals it keeps {@code |T1| + |B1| <= c} and the directory within {@code 2c}.</li>
 *   <li>{@code onRemove}: the page leaves its clock and no ghost is kept, since the policy did not choose it.</li>
 *   <li>When {@code replace()} would sweep T2 but T2 is empty (only after removals, or an eviction the host asks for
 *       outside a miss), it sweeps T1 instead.</li>
 *   <li>Evictions outside a miss move pages to ghosts without a later trim, so the ghosts may outnumber {@code c}; the
 *       directory bound {@code |T1| + |T2| + |B1| + |B2| <= 2c} still holds and the ghost store is sized for it.</li>
 * </ul>
 */
@AutoService(ReplacementPolicyProvider.class)
public final class Car implements ReplacementPolicyProvider {
    @Override
    public String name() {
        return "car";
    }

    @Override
    public String description() {
        return "CLOCK with Adaptive Replacement: ARC's self-tuning with two clocks of reference bits (Bansal & Modha, FAST 2004)";
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
        Policy car = (Policy) policy;
        IntLinkedLists lists = car.lists;
        return new int[] {lists.size(T1), lists.size(T2), lists.size(B1), lists.size(B2), car.p};
    }

    private static final int T1 = 0;
    private static final int T2 = 1;
    private static final int B1 = 2;
    private static final int B2 = 3;
    private static final int NONE = -1;

    private static final class Policy implements ReplacementPolicy {
        private final int capacity;
        /**
         * Slots are nodes {@code [0, c)}, ghosts nodes {@code [c, 3c)}. The clocks run from the head under the hand
         * (first) to the tail (last); the ghost lists from LRU (first) to MRU (last).
         */
        private final IntLinkedLists lists;
        private final boolean[] referenced;
        private final long[] slotKey;
        private final GhostKeys ghosts;
        private int p;

        Policy(int capacity) {
            this.capacity = capacity;
            int ghosts = 2 * capacity;
            lists = new IntLinkedLists(capacity + ghosts, 4);
            referenced = new boolean[capacity];
            slotKey = new long[capacity];
            this.ghosts = new GhostKeys(capacity, ghosts);
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void onHit(int slot) {
            referenced[slot] = true;
        }

        @Override
        public int evict() {
            while (true) {
                int t1 = lists.size(T1);
                if (t1 >= Math.max(1, p) || (t1 > 0 && lists.size(T2) == 0)) {
                    int head = lists.first(T1);
                    if (!referenced[head]) {
                        lists.remove(head);
                        addGhost(B1, slotKey[head]);
                        return head;
                    }
                    referenced[head] = false;
                    lists.moveToLast(T2, head);
                } else {
                    int head = lists.first(T2);
                    if (!referenced[head]) {
                        lists.remove(head);
                        addGhost(B2, slotKey[head]);
                        return head;
                    }
                    referenced[head] = false;
                    lists.moveToLast(T2, head);
                }
            }
        }

        @Override
        public void onInsert(long key, int slot) {
            slotKey[slot] = key;
            referenced[slot] = false;
            int ghost = ghosts.find(key);
            int b1 = lists.size(B1);
            int b2 = lists.size(B2);
            if (ghost == NONE) {
                int t1 = lists.size(T1);
                if (t1 + b1 == capacity) {
                    dropGhost(lists.first(B1));
                } else if (t1 + lists.size(T2) + b1 + b2 == 2 * capacity) {
                    dropGhost(lists.first(B2));
                }
                lists.addLast(T1, slot);
                return;
            }
            if (lists.listOf(ghost) == B1) {
                p = Math.min(p + Math.max(1, b2 / b1), capacity);
            } else {
                p = Math.max(p - Math.max(1, b1 / b2), 0);
            }
            dropGhost(ghost);
            lists.addLast(T2, slot);
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
