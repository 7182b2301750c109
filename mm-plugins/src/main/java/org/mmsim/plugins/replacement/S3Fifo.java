package org.mmsim.plugins.replacement;

import com.google.auto.service.AutoService;
import java.util.List;
import org.mmsim.spi.PolicyParameter;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;
import org.mmsim.spi.util.LongIntHashMap;

/**
 * S3-FIFO: three static FIFO queues. A small queue S takes new pages and filters out the many used only once (quick
 * demotion); a main queue M holds the pages that proved themselves, run as a CLOCK with a 2-bit counter (lazy
 * promotion); a ghost queue G remembers the keys S recently evicted, so that a page that comes back soon skips S. Yang,
 * Zhang, Qiu, Yue &amp; Rashmi, "FIFO queues are all you need for cache eviction", SOSP 2023.
 *
 * <ul>
 *   <li>Every resident page has a frequency, 0 to 3 (two bits; a hit adds one, capped at 3).</li>
 *   <li>A missed key that is in G leaves G and enters the head of M; any other missed key enters the head of S.
 *       Either way it starts at frequency 0.</li>
 *   <li>To evict: if S holds at least its share of the capacity, take S's tail. If its frequency exceeds
 *       {@code promote-threshold} it moves to the head of M (frequency reset to 0, as in libCacheSim: the hits in S
 *       have paid for its promotion) and the next tail of S is examined; otherwise it is the victim and its key
 *       enters G. If S runs empty while moving pages, or held less than its share to begin with, evict from M
 *       instead: M's tail, if its frequency is above 0, goes back to M's head with its frequency lowered by one, until
 *       a tail at frequency 0 is found, which is the victim.</li>
 * </ul>
 *
 * <p>Choices the paper leaves open, and how this compares with libCacheSim, whose S3-FIFO gave the w106 reference miss
 * ratio (0.0783 at 27,517 pages; this implementation, with its defaults, gives 0.0783 too):
 * <ul>
 *   <li><b>Sizes.</b> S's share is {@code floor(capacity × small-ratio)}, at least 1 (default ratio 0.10, the paper's);
 *       M's share is the rest. G holds at most as many keys as M's share (the paper sizes G like M); when full it
 *       forgets its oldest key. libCacheSim sizes G at {@code floor(0.9 × capacity)}, at most one entry different
 *       (no change to the w106 miss ratio in the fourth decimal).</li>
 *   <li><b>Promotion threshold.</b> Default 1: a page must have been hit at least twice while in S to move to M. This
 *       is the paper's pseudocode ({@code t.freq > 1}) and libCacheSim's default ({@code move-to-main-threshold=2},
 *       compared with {@code >=}); the blog's illustration uses 0 (w106: 0.0782 with 0).</li>
 *   <li><b>Which queue to evict from.</b> From S while S holds at least its share, else from M. When the cache is
 *       full this is exactly libCacheSim's rule (evict from M while M holds more than its share or S is empty); when a
 *       host asks for a victim earlier, S's size decides. One call evicts one page; pages promoted during the call
 *       may leave M above its share until the next call evicts from M, as in libCacheSim (the paper's pseudocode
 *       evicts from M inside the same call instead).</li>
 *   <li><b>Warm-up</b> ({@code fill-main}). By default every new page enters S, even while the cache is still filling,
 *       as in the paper and libCacheSim's {@code S3FIFOv0.c}: S first fills the whole cache and shrinks to its share
 *       as its pages are promoted or evicted. libCacheSim's later {@code S3FIFO.c} instead sends new pages to M once S
 *       holds its share, until the first eviction; {@code fill-main=true} does that (w106: 0.0773).</li>
 *   <li><b>onRemove.</b> The page leaves S or M wherever it is, and its key is not added to G: a page the host frees
 *       leaves no history. Keys already in G stay there.</li>
 * </ul>
 * Each call is O(1) except {@link ReplacementPolicy#evict()}, amortised O(1): each page it moves was paid for by a
 * hit or an insertion.
 */
@AutoService(ReplacementPolicyProvider.class)
public final class S3Fifo implements ReplacementPolicyProvider {
    static final String SMALL_RATIO = "small-ratio";
    static final String PROMOTE_THRESHOLD = "promote-threshold";
    static final String FILL_MAIN = "fill-main";

    @Override
    public String name() {
        return "s3-fifo";
    }

    @Override
    public String description() {
        return "S3-FIFO: small, main and ghost FIFO queues with 2-bit frequencies (Yang et al., SOSP 2023)";
    }

    @Override
    public List<PolicyParameter> parameters() {
        return List.of(
                PolicyParameter.ofDecimal(SMALL_RATIO, 0.10, 0.0, 1.0,
                        "share of the capacity for the small FIFO S, at least one page (paper and libCacheSim: 0.10)"),
                PolicyParameter.ofInteger(PROMOTE_THRESHOLD, 1, 0, 3,
                        "a page leaves S for M if its frequency (0-3) exceeds this (paper's t.freq > 1 and libCacheSim: 1)"),
                PolicyParameter.ofBoolean(FILL_MAIN, false,
                        "before the first eviction, send new pages to M once S holds its share (libCacheSim's S3FIFO.c; "
                                + "false: the paper and S3FIFOv0.c)"));
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        return new Policy(settings.capacity(), settings.arguments().doubleValue(SMALL_RATIO),
                settings.arguments().intValue(PROMOTE_THRESHOLD), settings.arguments().booleanValue(FILL_MAIN));
    }

    /** S's share of {@code capacity}: {@code floor(capacity × ratio)}, clamped to 1..capacity. */
    static int smallShare(int capacity, double ratio) {
        return (int) Math.max(1, Math.min(capacity, (long) (capacity * ratio)));
    }

    private static final class Policy implements ReplacementPolicy {
        private static final int NIL = IntLinkedLists.NIL;
        private static final int MAX_FREQUENCY = 3;
        // In both queues first is the tail (oldest) and last the head (newest).
        private static final int SMALL = 0;
        private static final int MAIN = 1;
        private static final int GHOST = 0;

        private final int capacity;
        private final int smallShare;
        private final int promoteThreshold;
        private final boolean fillMain;
        private final IntLinkedLists queues;
        private final byte[] frequency;
        private final long[] keyOf;

        private final int ghostCapacity;
        /** Ghost entries are nodes {@code 0..ghostCapacity-1}, in FIFO order on one list. */
        private final IntLinkedLists ghost;
        private final long[] ghostKey;
        private final LongIntHashMap ghostOf;
        /** Ghost nodes not on the list, as a stack. */
        private final int[] freeGhosts;
        private int freeGhostCount;

        /** onMiss found this key in G, so its insertion goes to M. */
        private long returningKey;
        private boolean returning;
        private boolean evictedOnce;

        Policy(int capacity, double smallRatio, int promoteThreshold, boolean fillMain) {
            this.capacity = capacity;
            this.smallShare = smallShare(capacity, smallRatio);
            this.promoteThreshold = promoteThreshold;
            this.fillMain = fillMain;
            queues = new IntLinkedLists(capacity, 2);
            frequency = new byte[capacity];
            keyOf = new long[capacity];
            ghostCapacity = capacity - smallShare;
            ghost = new IntLinkedLists(ghostCapacity, 1);
            ghostKey = new long[ghostCapacity];
            ghostOf = new LongIntHashMap(ghostCapacity, NIL);
            freeGhosts = new int[ghostCapacity];
            for (int node = 0; node < ghostCapacity; node++) {
                freeGhosts[node] = ghostCapacity - 1 - node;
            }
            freeGhostCount = ghostCapacity;
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void onHit(int slot) {
            if (frequency[slot] < MAX_FREQUENCY) {
                frequency[slot]++;
            }
        }

        @Override
        public void onMiss(long key) {
            int node = ghostOf.remove(key);
            returning = node != NIL;
            if (returning) {
                returningKey = key;
                ghost.remove(node);
                freeGhosts[freeGhostCount++] = node;
            }
        }

        @Override
        public int evict() {
            evictedOnce = true;
            if (queues.size(SMALL) >= smallShare || queues.size(MAIN) == 0) {
                int victim = evictSmall();
                if (victim != NIL) {
                    return victim;
                }
            }
            return evictMain();
        }

        /** The victim from S, or NIL if every page in S was promoted. */
        private int evictSmall() {
            int tail;
            while ((tail = queues.first(SMALL)) != NIL) {
                if (frequency[tail] > promoteThreshold) {
                    frequency[tail] = 0;
                    queues.moveToLast(MAIN, tail);
                } else {
                    queues.remove(tail);
                    remember(keyOf[tail]);
                    return tail;
                }
            }
            return NIL;
        }

        private int evictMain() {
            int tail;
            while (frequency[tail = queues.first(MAIN)] > 0) {
                frequency[tail]--;
                queues.moveToLast(MAIN, tail);
            }
            queues.remove(tail);
            return tail;
        }

        private void remember(long key) {
            if (ghostCapacity == 0) {
                return;
            }
            int node;
            if (freeGhostCount > 0) {
                node = freeGhosts[--freeGhostCount];
            } else {
                node = ghost.removeFirst(GHOST);
                ghostOf.remove(ghostKey[node]);
            }
            ghostKey[node] = key;
            ghost.addLast(GHOST, node);
            int stale = ghostOf.put(key, node);
            if (stale != NIL) {
                // Only a host that inserts without calling onMiss first can leave a key in G while it is resident.
                ghost.remove(stale);
                freeGhosts[freeGhostCount++] = stale;
            }
        }

        @Override
        public void onInsert(long key, int slot) {
            keyOf[slot] = key;
            frequency[slot] = 0;
            boolean toMain = returning && key == returningKey
                    || fillMain && !evictedOnce && queues.size(SMALL) >= smallShare;
            returning = false;
            queues.addLast(toMain ? MAIN : SMALL, slot);
        }

        @Override
        public void onRemove(int slot) {
            queues.remove(slot);
        }
    }
}
