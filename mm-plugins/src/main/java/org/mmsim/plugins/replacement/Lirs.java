package org.mmsim.plugins.replacement;

import com.google.auto.service.AutoService;
import java.util.List;
import org.mmsim.spi.PolicyParameter;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;

/**
 * LIRS, the Low Inter-reference Recency Set policy (Song Jiang &amp; Xiaodong Zhang, "LIRS: An Efficient Low
 * Inter-reference Recency Set Replacement Policy to Improve Buffer Cache Performance", ACM SIGMETRICS 2002).
 *
 * <p>A block's inter-reference recency (IRR) is the number of distinct other blocks referenced between its last two
 * references. LIRS keeps the blocks of low IRR, the LIR blocks, resident at all times, and gives the few remaining
 * slots to the HIR blocks, which come and go. The capacity is split into {@code Llirs} slots for LIR blocks and
 * {@code Lhirs} for resident HIR blocks. Two structures hold the state:
 * <ul>
 *   <li>the LIRS stack S, in order of last reference: every LIR block, and the HIR blocks, resident or not, whose last
 *       reference is newer than that of the oldest LIR block. <em>Stack pruning</em> takes HIR entries off the bottom
 *       until the bottom is an LIR block, so the bottom's recency is the IRR threshold: an HIR block found in S is
 *       re-referenced with an IRR smaller than some LIR block's recency;</li>
 *   <li>the list Q of resident HIR blocks, whose front is the victim of every eviction.</li>
 * </ul>
 * The cases of the paper:
 * <ul>
 *   <li>a hit on an LIR block moves it to the top of S, then prunes if it was the bottom;</li>
 *   <li>a hit on a resident HIR block in S makes it LIR (top of S, out of Q); the LIR block at the bottom of S becomes
 *       HIR and goes to the end of Q; then S is pruned;</li>
 *   <li>a hit on a resident HIR block not in S pushes it on top of S and moves it to the end of Q, staying HIR;</li>
 *   <li>a miss first evicts the front of Q (an entry in S stays there as a non-resident HIR entry); then a block with a
 *       non-resident entry in S becomes LIR as in the second case, and any other block becomes resident HIR, on top
 *       of S and at the end of Q;</li>
 *   <li>cold start: while fewer than {@code Llirs} blocks are LIR, a missed block becomes LIR at once, so the first
 *       {@code Llirs} distinct blocks are LIR (the paper's rule).</li>
 * </ul>
 *
 * <p>Choices the paper leaves open, and ours:
 * <ul>
 *   <li><b>Split.</b> {@code Lhirs = max(1, floor(hir-ratio × capacity))}, at most the capacity;
 *       {@code Llirs = capacity − Lhirs}. The default ratio 0.01 is the paper's 1%; it is rounded down, as the
 *       authors' {@code lirs.c} (which keeps at least 2) and libCacheSim (at least 1, as here) do. When {@code Llirs} is 0 (capacity 1, or
 *       ratio 1) every block is HIR and S stays empty, so Q alone decides: LRU.</li>
 *   <li><b>Bounded history.</b> The paper lets S grow without bound. Here at most
 *       {@code floor(nonresident-ratio × capacity)} non-resident HIR entries are kept (default 2, so S holds at most
 *       3 × capacity entries). When another is needed, the oldest one goes first. Because every block that is both in
 *       S and in Q entered both at the same reference (or was pushed on both at its last hit), Q's order agrees with
 *       S's order for them, so non-resident entries are created in S order and the oldest created is the lowest in S.
 *       Dropping it never uncovers the bottom of S: after pruning the bottom is an LIR block, never a non-resident
 *       entry, so the LIR-bottom invariant holds. The entry of the block whose miss is being served (noted in
 *       {@link ReplacementPolicy#onMiss(long)}) is never the one dropped, so that miss still sees its history. A block whose entry
 *       was dropped comes back as a new HIR block.</li>
 *   <li><b>Consecutive references</b> are not filtered (the authors' {@code lirs.c} skips a reference to the block
 *       just referenced): every request counts, as the host's replay rules require. A repeated reference to a new
 *       HIR block therefore finds it in S and makes it LIR, which is what the paper's IRR of 0 says.</li>
 *   <li><b>onRemove.</b> The block leaves S and Q and keeps no non-resident entry; if it was the bottom of S, S is
 *       pruned again. While fewer than {@code Llirs} blocks are LIR (only after a removal), the next missed block becomes LIR by the
 *       cold-start rule, and a block turning LIR demotes no other.</li>
 *   <li><b>Eviction with an empty Q</b>, which only a host that reclaims before the cache is full can ask for: the
 *       LIR block at the bottom of S is demoted and evicted at once, keeping no entry, as a demoted block is not in S;
 *       S is then pruned.</li>
 * </ul>
 * Every operation is O(1) amortized: pruning removes each entry at most once per insertion into S.
 */
@AutoService(ReplacementPolicyProvider.class)
public final class Lirs implements ReplacementPolicyProvider {
    static final String HIR_RATIO = "hir-ratio";
    static final String NONRESIDENT_RATIO = "nonresident-ratio";

    @Override
    public String name() {
        return "lirs";
    }

    @Override
    public String description() {
        return "Low Inter-reference Recency Set: keeps blocks of small reuse distance resident (Jiang & Zhang, SIGMETRICS 2002)";
    }

    @Override
    public List<PolicyParameter> parameters() {
        return List.of(
                PolicyParameter.ofDecimal(HIR_RATIO, 0.01, 0, 1,
                        "share of the capacity for resident HIR blocks, Lhirs = max(1, floor(ratio x capacity)); 1% in the paper"),
                PolicyParameter.ofDecimal(NONRESIDENT_RATIO, 2, 0, 64,
                        "most non-resident HIR entries kept in the stack S, as a multiple of the capacity (the paper keeps all)"));
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        int capacity = settings.capacity();
        int hirLimit = hirLimit(capacity, settings.arguments().doubleValue(HIR_RATIO));
        long ghosts = (long) Math.floor(settings.arguments().doubleValue(NONRESIDENT_RATIO) * capacity);
        if (ghosts > Integer.MAX_VALUE - 2L - capacity) {
            throw new IllegalArgumentException(NONRESIDENT_RATIO + " x capacity " + capacity + " is too large");
        }
        return new Policy(capacity, capacity - hirLimit, hirLimit, (int) ghosts);
    }

    /** {@code Lhirs}: the slots for resident HIR blocks, {@code max(1, floor(ratio × capacity))}, at most the capacity. */
    static int hirLimit(int capacity, double ratio) {
        return (int) Math.min(capacity, Math.max(1L, (long) Math.floor(ratio * capacity)));
    }

    /**
     * The policy's S and Q, bottom and front first, for tests: each entry is its key followed by {@code L} (LIR),
     * {@code H} (resident HIR) or {@code N} (non-resident HIR), such as {@code S=[2L, 4N, 1L, 5H] Q=[5]}.
     */
    static String describe(ReplacementPolicy policy) {
        return ((Policy) policy).describe();
    }

    /**
     * Checks the paper's invariants and this implementation's bookkeeping; returns what is broken, or null.
     *
     * @param resident the number of resident pages according to the host
     */
    static String violation(ReplacementPolicy policy, int resident) {
        return ((Policy) policy).violation(resident);
    }

    private static final class Policy implements ReplacementPolicy {
        private static final int NIL = IntLinkedLists.NIL;
        /** The one list of {@link #stack}. */
        private static final int S = 0;
        /** The lists of {@link #queues}: resident HIR blocks (slots), and non-resident entries in creation order. */
        private static final int Q = 0;
        private static final int NONRESIDENT = 1;

        private final int capacity;
        private final int lirLimit;
        private final int hirLimit;
        private final int ghostLimit;
        /** S, bottom first. Nodes below {@code capacity} are slots; the others are non-resident entries. */
        private final IntLinkedLists stack;
        private final IntLinkedLists queues;
        private final boolean[] lir;
        private final long[] slotKey;
        private final GhostKeys ghosts;
        private int lirCount;
        /** The non-resident entry of the key whose miss is being served, kept from being dropped; or NIL. */
        private int pendingGhost = NIL;

        Policy(int capacity, int lirLimit, int hirLimit, int ghostLimit) {
            this.capacity = capacity;
            this.lirLimit = lirLimit;
            this.hirLimit = hirLimit;
            this.ghostLimit = ghostLimit;
            stack = new IntLinkedLists(capacity + ghostLimit, 1);
            queues = new IntLinkedLists(capacity + ghostLimit, 2);
            lir = new boolean[capacity];
            slotKey = new long[capacity];
            ghosts = new GhostKeys(capacity, ghostLimit);
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void onHit(int slot) {
            if (lir[slot]) {
                boolean wasBottom = stack.first(S) == slot;
                stack.moveToLast(S, slot);
                if (wasBottom) {
                    prune();
                }
            } else if (stack.isLinked(slot)) {
                stack.moveToLast(S, slot);
                queues.remove(slot);
                lir[slot] = true;
                lirCount++;
                if (lirCount > lirLimit) {
                    demoteBottom();
                }
            } else {
                stack.addLast(S, slot);
                queues.moveToLast(Q, slot);
                // Only an S without any LIR block (capacity 1, or every LIR block removed) has it at the bottom.
                prune();
            }
        }

        @Override
        public void onMiss(long key) {
            pendingGhost = ghosts.find(key);
        }

        @Override
        public int evict() {
            int victim = queues.first(Q);
            if (victim != NIL) {
                queues.remove(victim);
                if (stack.isLinked(victim)) {
                    leaveNonResidentEntry(victim);
                }
                return victim;
            }
            victim = stack.removeFirst(S);
            lir[victim] = false;
            lirCount--;
            prune();
            return victim;
        }

        @Override
        public void onInsert(long key, int slot) {
            slotKey[slot] = key;
            pendingGhost = NIL;
            int ghost = ghosts.find(key);
            if (ghost != NIL) {
                dropGhost(ghost);
                stack.addLast(S, slot);
                lir[slot] = true;
                lirCount++;
                if (lirCount > lirLimit) {
                    demoteBottom();
                }
            } else if (lirCount < lirLimit) {
                stack.addLast(S, slot);
                lir[slot] = true;
                lirCount++;
            } else {
                stack.addLast(S, slot);
                queues.addLast(Q, slot);
                lir[slot] = false;
                prune();
            }
        }

        @Override
        public void onRemove(int slot) {
            if (lir[slot]) {
                lir[slot] = false;
                lirCount--;
                stack.remove(slot);
                prune();
            } else {
                queues.remove(slot);
                if (stack.isLinked(slot)) {
                    stack.remove(slot);
                }
            }
        }

        /** The LIR block at the bottom of S becomes a resident HIR block at the end of Q. */
        private void demoteBottom() {
            int bottom = stack.removeFirst(S);
            lir[bottom] = false;
            lirCount--;
            queues.addLast(Q, bottom);
            prune();
        }

        /** Takes HIR entries off the bottom of S until an LIR block is there (or S is empty). */
        private void prune() {
            int bottom;
            while ((bottom = stack.first(S)) != NIL && (bottom >= capacity || !lir[bottom])) {
                if (bottom >= capacity) {
                    dropGhost(bottom);
                } else {
                    stack.remove(bottom);
                }
            }
        }

        /** The evicted HIR block {@code slot} stays in S, in its place, as a non-resident entry. */
        private void leaveNonResidentEntry(int slot) {
            if (ghosts.isFull()) {
                int oldest = queues.first(NONRESIDENT);
                if (oldest != NIL && oldest == pendingGhost) {
                    oldest = queues.next(oldest);
                }
                if (oldest == NIL) {
                    stack.remove(slot);
                    return;
                }
                dropGhost(oldest);
            }
            long key = slotKey[slot];
            int ghost = ghosts.remember(key);
            stack.addBefore(slot, ghost);
            stack.remove(slot);
            queues.addLast(NONRESIDENT, ghost);
        }

        /** Forgets a non-resident entry entirely. */
        private void dropGhost(int ghost) {
            stack.remove(ghost);
            queues.remove(ghost);
            ghosts.forget(ghost);
            if (ghost == pendingGhost) {
                pendingGhost = NIL;
            }
        }

        String describe() {
            StringBuilder text = new StringBuilder("S=[");
            for (int n = stack.first(S); n != NIL; n = stack.next(n)) {
                if (n != stack.first(S)) {
                    text.append(", ");
                }
                if (n >= capacity) {
                    text.append(ghosts.key(n)).append('N');
                } else {
                    text.append(slotKey[n]).append(lir[n] ? 'L' : 'H');
                }
            }
            text.append("] Q=[");
            for (int n = queues.first(Q); n != NIL; n = queues.next(n)) {
                if (n != queues.first(Q)) {
                    text.append(", ");
                }
                text.append(slotKey[n]);
            }
            return text.append(']').toString();
        }

        String violation(int resident) {
            int bottom = stack.first(S);
            if (bottom != NIL && (bottom >= capacity || !lir[bottom])) {
                return "the bottom of S is not an LIR block: " + describe();
            }
            int lirInS = 0;
            int ghostsInS = 0;
            for (int n = stack.first(S); n != NIL; n = stack.next(n)) {
                if (n >= capacity) {
                    ghostsInS++;
                    if (ghosts.find(ghosts.key(n)) != n) {
                        return "non-resident entry " + ghosts.key(n) + " is not indexed by its key";
                    }
                } else if (lir[n]) {
                    lirInS++;
                } else if (queues.listOf(n) != Q) {
                    return "resident HIR block " + slotKey[n] + " is in S but not in Q";
                }
            }
            if (lirInS != lirCount) {
                return "S holds " + lirInS + " LIR blocks but " + lirCount + " are counted";
            }
            if (lirCount > lirLimit) {
                return lirCount + " LIR blocks, more than Llirs = " + lirLimit;
            }
            int residentHir = queues.size(Q);
            if (residentHir > hirLimit) {
                return residentHir + " resident HIR blocks, more than Lhirs = " + hirLimit;
            }
            if (lirCount + residentHir != resident) {
                return lirCount + " LIR + " + residentHir + " resident HIR blocks, but " + resident + " pages are resident";
            }
            if (resident > capacity) {
                return resident + " resident, more than the capacity " + capacity;
            }
            if (ghostsInS != ghosts.size() || ghostsInS != queues.size(NONRESIDENT)
                    || ghostsInS + ghosts.free() != ghostLimit) {
                return "non-resident entries: " + ghostsInS + " in S, " + ghosts.size() + " indexed, "
                        + queues.size(NONRESIDENT) + " listed, " + ghosts.free() + " free of " + ghostLimit;
            }
            for (int n = queues.first(Q); n != NIL; n = queues.next(n)) {
                if (lir[n]) {
                    return "LIR block " + slotKey[n] + " is in Q";
                }
            }
            return null;
        }
    }
}
