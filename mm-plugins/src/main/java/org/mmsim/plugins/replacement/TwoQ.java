package org.mmsim.plugins.replacement;

import com.google.auto.service.AutoService;
import java.util.List;
import org.mmsim.spi.PolicyParameter;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;

/**
 * Full 2Q: Johnson &amp; Shasha, "2Q: A Low Overhead High Performance Buffer Management Replacement Algorithm", 20th
 * International Conference on Very Large Data Bases (VLDB), 1994: the full version of the algorithm.
 *
 * <p>Three queues: A1in, a FIFO of resident pages seen once; A1out, a FIFO of the keys of pages recently paged out of
 * A1in (no data); Am, an LRU of resident pages seen again after leaving A1in. On a request for X:
 * <ul>
 *   <li>X in Am: X moves to the head (most recent end) of Am.</li>
 *   <li>X in A1in: nothing. A page is not promoted for being used again soon after its first use, which is what makes
 *       2Q resist correlated references.</li>
 *   <li>X in A1out: {@code reclaimfor(X)}, then X enters Am at the head.</li>
 *   <li>X in no queue: {@code reclaimfor(X)}, then X enters A1in at the head.</li>
 * </ul>
 * {@code reclaimfor(X)} uses a free slot if there is one (the host then calls no {@link ReplacementPolicy#evict()});
 * otherwise, if {@code |A1in| > Kin}, it pages out the tail of A1in and puts its key at the head of A1out, dropping
 * A1out's tail if A1out then holds more than {@code Kout} keys; otherwise it pages out the tail of Am, remembering
 * nothing of it. So while A1in is at or below its target Kin, the victim comes from Am and A1in keeps growing back
 * towards Kin.
 *
 * <p>Parameters, as the paper recommends: {@code kin}, A1in's target as a share of the slots (default 0.25), and
 * {@code kout}, A1out's size as a share of the slots (default 0.5). Choices the paper leaves open:
 * <ul>
 *   <li>Rounding: {@code Kin = floor(kin × c)} and {@code Kout = floor(kout × c)} (libCacheSim's 2Q, the source of the
 *       reference miss ratios, truncates the same way). Kin may be 0: A1in then gives up a page on every eviction
 *       while it has one.</li>
 *   <li>X found in A1out leaves A1out before {@code reclaimfor(X)}: A1out holds keys of non-resident pages only, and
 *       X's slot there is free for the key {@code reclaimfor} may add.</li>
 *   <li>If the queue {@code reclaimfor} picks is empty (Am with {@code kin = 1}, or after removals), the other queue
 *       gives the victim; an A1in victim is still remembered in A1out.</li>
 *   <li>{@code onRemove}: the page leaves A1in or Am and no key is kept in A1out, since the policy did not choose it.
 *       An eviction the host asks for outside a miss follows {@code reclaimfor}'s rule.</li>
 *   <li>{@code kout = 0} keeps no history at all: every page enters A1in, and Am stays empty, as the paper's
 *       pseudo-code implies.</li>
 * </ul>
 */
@AutoService(ReplacementPolicyProvider.class)
public final class TwoQ implements ReplacementPolicyProvider {
    static final String KIN = "kin";
    static final String KOUT = "kout";

    @Override
    public String name() {
        return "2q";
    }

    @Override
    public String description() {
        return "Full 2Q: a FIFO for pages seen once, a ghost FIFO of their keys, an LRU for the rest (Johnson & Shasha, VLDB 1994)";
    }

    @Override
    public List<PolicyParameter> parameters() {
        return List.of(
                PolicyParameter.ofDecimal(KIN, 0.25, 0, 1,
                        "A1in's target size as a share of the slots, rounded down (Johnson & Shasha 1994 recommend 25%)"),
                PolicyParameter.ofDecimal(KOUT, 0.5, 0, 8,
                        "A1out's size in keys as a share of the slots, rounded down (Johnson & Shasha 1994 recommend 50%)"));
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        int capacity = settings.capacity();
        return new Policy(capacity, share(settings.arguments().doubleValue(KIN), capacity),
                share(settings.arguments().doubleValue(KOUT), capacity));
    }

    /** {@code floor(share × capacity)}. */
    static int share(double share, int capacity) {
        return (int) Math.floor(share * capacity);
    }

    /** The sizes {@code |A1in|, |Am|, |A1out|} of a policy this provider created, for tests. */
    static int[] state(ReplacementPolicy policy) {
        Policy twoQ = (Policy) policy;
        IntLinkedLists lists = twoQ.lists;
        return new int[] {lists.size(A1IN), lists.size(AM), lists.size(A1OUT)};
    }

    private static final int A1IN = 0;
    private static final int AM = 1;
    private static final int A1OUT = 2;
    private static final int NONE = -1;

    private static final class Policy implements ReplacementPolicy {
        private final int capacity;
        private final int kin;
        private final int kout;
        /** Slots are nodes {@code [0, c)}, A1out's keys nodes {@code [c, c + Kout)}; every queue runs from oldest (first) to newest (last). */
        private final IntLinkedLists lists;
        private final long[] slotKey;
        private final GhostKeys ghosts;
        /** Whether the miss in progress found its key in A1out, and which key. */
        private boolean pendingFromA1out;
        private long pendingKey;

        Policy(int capacity, int kin, int kout) {
            this.capacity = capacity;
            this.kin = kin;
            this.kout = kout;
            lists = new IntLinkedLists(capacity + kout, 3);
            slotKey = new long[capacity];
            ghosts = new GhostKeys(capacity, kout);
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void onHit(int slot) {
            if (lists.listOf(slot) == AM) {
                lists.moveToLast(AM, slot);
            }
        }

        @Override
        public void onMiss(long key) {
            int ghost = ghosts.find(key);
            pendingKey = key;
            pendingFromA1out = ghost != NONE;
            if (pendingFromA1out) {
                dropGhost(ghost);
            }
        }

        @Override
        public int evict() {
            int a1in = lists.size(A1IN);
            if (a1in > 0 && (a1in > kin || lists.size(AM) == 0)) {
                int victim = lists.removeFirst(A1IN);
                remember(slotKey[victim]);
                return victim;
            }
            return lists.removeFirst(AM);
        }

        @Override
        public void onInsert(long key, int slot) {
            slotKey[slot] = key;
            lists.addLast(pendingFromA1out && pendingKey == key ? AM : A1IN, slot);
            pendingFromA1out = false;
        }

        @Override
        public void onRemove(int slot) {
            lists.remove(slot);
        }

        /** Puts a key paged out of A1in at the head of A1out, dropping A1out's oldest key to stay within Kout. */
        private void remember(long key) {
            if (kout == 0) {
                return;
            }
            if (ghosts.isFull()) {
                dropGhost(lists.first(A1OUT));
            }
            int node = ghosts.remember(key);
            lists.addLast(A1OUT, node);
        }

        private void dropGhost(int node) {
            lists.remove(node);
            ghosts.forget(node);
        }
    }
}
