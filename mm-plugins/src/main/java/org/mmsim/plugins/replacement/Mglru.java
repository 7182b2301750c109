package org.mmsim.plugins.replacement;

import com.google.auto.service.AutoService;
import java.util.Arrays;
import java.util.List;
import org.mmsim.spi.PolicyParameter;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;
import org.mmsim.spi.util.LongIntHashMap;

/**
 * The multi-generational LRU of Linux 6.1 ({@code lru_gen} in mm/vmscan.c, include/linux/mm_inline.h,
 * include/linux/mmzone.h; Documentation/admin-guide/mm/multigen_lru.rst), simplified to one lruvec holding one type
 * of page, as a trace replay needs. It has no paper: Yu Zhao, "Multi-Gen LRU Framework" patch series, linux-mm
 * mailing list, 2021-2022, merged in Linux 6.1 (December 2022).
 *
 * <p><b>Generations.</b> The resident pages are split into generations numbered by a sequence: {@code max_seq} is
 * the youngest, {@code min_seq} the oldest, and the window holds from {@code min-gens} (MIN_NR_GENS, 2) to
 * {@code max-gens} (MAX_NR_GENS, 4) generations. Generation {@code seq} is list {@code seq % max-gens}; within a list
 * the head is the most recently added page and eviction works from the tail, as {@code list_add()} and
 * {@code lru_to_folio()} do. The window starts as {@code lru_gen_init_lruvec()} sets it: {@code min_seq = 0},
 * {@code max_seq = MIN_NR_GENS + 1} (lowered to {@code max-gens - 1} if the window would not fit).
 *
 * <p><b>Which access a request is</b> (parameter {@code mapped}). {@code lru_gen_add_folio()} places a page by how
 * it came in, and the kernel tracks the two kinds of access differently:
 * <ul>
 *   <li>{@code mapped=false} (default): a request is a {@code read()} through the page cache, the reading the other
 *       built-in kernel policy ({@code linux}) models. A missed page is added to the <em>oldest</em> generation (in
 *       6.1, "everything else (clean, cold) is added to the oldest generation"; only pages faulted in through page
 *       tables are active and go to the youngest). Every read, the one that brought the page in included, is
 *       {@code folio_mark_accessed()} → {@code folio_inc_refs()}: a per-page count N of accesses through file
 *       descriptors, saturating at 5 (PG_referenced, PG_workingset and the two LRU_REFS bits), whose tier is
 *       {@code order_base_2(N)}: N = 0,1 → tier 0, 2 → 1, 3..4 → 2, 5 → 3 (MAX_NR_TIERS = 4). Reads promote no
 *       page between generations; the tiers protect pages at eviction instead.</li>
 *   <li>{@code mapped=true}: a request is an access through a page table. A missed page is faulted in, active,
 *       and added to the <em>youngest</em> generation with its accessed bit set by that access; a hit sets the
 *       accessed bit. Aging promotes every page whose accessed bit is set to the new youngest generation and clears
 *       the bit (the page-table walk of {@code inc_max_seq()}/{@code folio_update_gen()}), and eviction moves a page
 *       of the oldest generation whose bit is set to the youngest instead of evicting it (the rmap look-around).
 *       Tiers play no part.</li>
 * </ul>
 *
 * <p><b>Aging</b> ({@code try_to_inc_max_seq()}) adds a new, empty youngest generation. The replay runs it only
 * when asked for a victim, where {@code should_run_aging()} of 6.1 decides: always when only MIN_NR_GENS generations
 * are left (the eviction may not take from them); with MIN_NR_GENS + 1 generations, when the youngest holds more
 * than 1/MIN_NR_GENS of the pages or the generation {@code max_seq - MIN_NR_GENS} less than 1/(MIN_NR_GENS + 2)
 * (only if the window still has room: {@code max-gens} caps it, so no forced {@code inc_min_seq()} is ever needed).
 * With {@code mapped=true} the promoted pages are walked in the order their bits were set, so the most recently
 * accessed ends up at the head; the kernel walks page tables in address order, which a replay does not have.
 *
 * <p><b>Eviction</b> ({@code evict_folios()}, {@code scan_folios()}, {@code sort_folio()}) takes pages from the tail
 * of the oldest generation, never while only MIN_NR_GENS generations are left. A page whose tier is above
 * {@code tier_idx} is protected: it moves to the tail of generation {@code min_seq + 1} and its count N is cleared
 * ({@code folio_inc_gen()}); with {@code mapped=true}, a page with its accessed bit set moves to the head of the
 * youngest. The first other page is the victim. When the oldest generation is empty, {@code min_seq} advances past
 * every empty generation as long as more than MIN_NR_GENS remain ({@code try_to_inc_min_seq()}).
 *
 * <p><b>Tier controller</b> ({@code get_tier_idx()}, {@code positive_ctrl_err()}, 6.1 gains 1:2). Each eviction
 * counts the victim's tier in {@code evicted[tier]} and leaves a shadow entry (key, {@code min_seq}, tier); each
 * protection counts {@code protected[tier]}. A miss on a key whose shadow was left under the current {@code min_seq}
 * is a refault, counted in {@code refaulted[tier]} ({@code lru_gen_refault()}); a refault from tier 3 (N saturated)
 * also sets PG_workingset on the new page, which then starts at N = 2. When {@code min_seq} advances, every counter
 * is folded into a running average, {@code avg = (avg + current) / 2}, and cleared ({@code reset_ctrl_pos()}). Before
 * each victim is chosen, {@code tier_idx} is the last tier from 0 up whose refault rate, with gain 2, stays within
 * tier 0's (gain 1), or whose refaults stay below MIN_LRU_BATCH = 64; so a tier is protected once it refaults
 * clearly more than tier 0. The parameter {@code tier-idx} can fix {@code tier_idx} instead.
 *
 * <p>Kept out, documented: anon/file types, swappiness and {@code get_type_to_scan()}; zones, memcgs and the
 * {@code NR_HIST_GENS} history (one set of counters, as without CONFIG_LRU_GEN_STATS); batches ({@code MIN_LRU_BATCH}
 * pages per scan: here one victim per call, with the aging check and {@code tier_idx} per call); dirty and writeback
 * pages; the Bloom filters and the time-based {@code min_ttl}; and later kernels' changes ("mm/mglru: fix
 * underprotected page cache", 2024, adds a cold read page to {@code min_seq + 1} when four generations exist;
 * "mm/mglru: rework workingset protection", 2024, redefines the tiers, always protects pages whose count saturated
 * and uses gains 2:3). Shadow entries are bounded: a ring of {@code capacity} entries, the oldest
 * forgotten first (the kernel bounds them with its shadow-node shrinker). {@code onRemove} forgets the page and
 * leaves no shadow, as truncation does not count toward refaults.
 */
@AutoService(ReplacementPolicyProvider.class)
public final class Mglru implements ReplacementPolicyProvider {
    static final String MIN_GENS = "min-gens";
    static final String MAX_GENS = "max-gens";
    static final String MAPPED = "mapped";
    static final String TIER_IDX = "tier-idx";

    /** MAX_NR_TIERS. */
    static final int TIERS = 4;
    /** The largest count of accesses through file descriptors that PG_referenced, two LRU_REFS bits and PG_workingset hold. */
    static final int REFS_SATURATED = 5;
    /** MIN_LRU_BATCH = BITS_PER_LONG: fewer refaults than this are noise to the controller. */
    static final int MIN_LRU_BATCH = 64;

    @Override
    public String name() {
        return "mglru";
    }

    @Override
    public String description() {
        return "Linux 6.1 multi-gen LRU: generations aged by max_seq/min_seq, tiers of fd accesses protected by a PID controller (mm/vmscan.c)";
    }

    @Override
    public List<PolicyParameter> parameters() {
        return List.of(
                PolicyParameter.ofInteger(MIN_GENS, 2, 1, 3,
                        "MIN_NR_GENS: eviction never takes from the youngest min-gens generations, and aging must run when only that many are left (include/linux/mmzone.h: 2)"),
                PolicyParameter.ofInteger(MAX_GENS, 4, 2, 4,
                        "MAX_NR_GENS: the most generations the window holds; above min-gens (include/linux/mmzone.h: 4)"),
                PolicyParameter.ofBoolean(MAPPED, false,
                        "false: requests are read() calls through the page cache (new pages enter the oldest generation, repeated reads raise the tier); true: accesses through page tables (faults enter the youngest generation, the accessed bit promotes at aging)"),
                PolicyParameter.ofInteger(TIER_IDX, -1, -1, TIERS - 1,
                        "-1: get_tier_idx()'s PID controller picks the tiers eviction protects; 0 to 3: pages in tiers above this are always protected"));
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        int minGens = settings.arguments().intValue(MIN_GENS);
        int maxGens = settings.arguments().intValue(MAX_GENS);
        if (minGens >= maxGens) {
            throw new IllegalArgumentException("parameter " + MIN_GENS + " = " + minGens + " with " + MAX_GENS + " = "
                    + maxGens + "; expected min-gens below max-gens, so that eviction has a generation to take from");
        }
        return new Policy(settings.capacity(), minGens, maxGens, settings.arguments().booleanValue(MAPPED),
                settings.arguments().intValue(TIER_IDX));
    }

    /** {@code order_base_2(n)} for the saturating access count: the tier of a page read {@code n} times. */
    static int tierOf(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    /**
     * {@code positive_ctrl_err()}: whether the process variable (a tier) refaults no more than the set point (tier 0),
     * each rate weighted by its gain, or too little to tell.
     */
    static boolean positiveControlError(long spRefaulted, long spTotal, int spGain, long pvRefaulted, long pvTotal,
                                        int pvGain) {
        return pvRefaulted < MIN_LRU_BATCH
                || pvRefaulted * (spTotal + MIN_LRU_BATCH) * spGain <= (spRefaulted + 1) * pvTotal * pvGain;
    }

    /** What a test may see of a policy: the window, each slot's generation, and the controller's choice. */
    record Snapshot(long minSeq, long maxSeq, long lastVictimSeq, int tierIdx, long[] generationOfSlot,
                    int[] listSizes) {
        /** The number of generations in the window. */
        int generations() {
            return (int) (maxSeq - minSeq + 1);
        }
    }

    /** Marks a slot that is on no generation list, or on a list outside the window. */
    static final long NOT_IN_WINDOW = Long.MIN_VALUE;

    static Snapshot snapshot(ReplacementPolicy policy) {
        return ((Policy) policy).snapshot();
    }

    private static final class Policy implements ReplacementPolicy {
        private static final long DEAD = -1;
        private final int capacity;
        private final int minGens;
        private final int maxGens;
        private final boolean mapped;
        private final int fixedTierIdx;
        /** One list per generation, generation {@code seq} on list {@code seq % maxGens}. */
        private final IntLinkedLists generations;
        /** Pages whose accessed bit is set (mapped only), in the order the bits were set. */
        private final IntLinkedLists accessed;
        private static final int ACCESSED = 0;
        /** The count N of accesses through file descriptors since the page came in or was last protected. */
        private final byte[] refs;
        private final long[] keyOf;
        private long minSeq;
        private long maxSeq;
        private int resident;
        private long lastVictimSeq = -1;
        private boolean nextInsertIsWorkingset;

        // The controller's counters by tier (NR_HIST_GENS = 1): this window's and the running averages.
        private final long[] evicted = new long[TIERS];
        private final long[] protectedPages = new long[TIERS];
        private final long[] refaulted = new long[TIERS];
        private final long[] avgRefaulted = new long[TIERS];
        private final long[] avgTotal = new long[TIERS];

        // Shadow entries: a ring of capacity entries, found by key.
        private final LongIntHashMap shadowOf;
        private final long[] shadowKey;
        private final long[] shadowSeq;
        private final byte[] shadowTier;
        private int shadowHand;

        Policy(int capacity, int minGens, int maxGens, boolean mapped, int fixedTierIdx) {
            this.capacity = capacity;
            this.minGens = minGens;
            this.maxGens = maxGens;
            this.mapped = mapped;
            this.fixedTierIdx = fixedTierIdx;
            generations = new IntLinkedLists(capacity, maxGens);
            accessed = new IntLinkedLists(mapped ? capacity : 0, 1);
            refs = new byte[capacity];
            keyOf = new long[capacity];
            minSeq = 0;
            maxSeq = Math.min(minGens + 1, maxGens - 1);
            int shadows = mapped ? 0 : capacity;
            shadowOf = new LongIntHashMap(shadows, -1);
            shadowKey = new long[shadows];
            shadowSeq = new long[shadows];
            shadowTier = new byte[shadows];
            Arrays.fill(shadowSeq, DEAD);
        }

        @Override
        public int capacity() {
            return capacity;
        }

        private int listOf(long seq) {
            return (int) (seq % maxGens);
        }

        private int generationCount() {
            return (int) (maxSeq - minSeq + 1);
        }

        @Override
        public void onHit(int slot) {
            if (mapped) {
                if (!accessed.isLinked(slot)) {
                    accessed.addLast(ACCESSED, slot);
                }
            } else if (refs[slot] < REFS_SATURATED) {
                refs[slot]++;
            }
        }

        @Override
        public void onMiss(long key) {
            if (mapped) {
                return;
            }
            int shadow = shadowOf.remove(key);
            if (shadow < 0) {
                return;
            }
            if (shadowSeq[shadow] == minSeq) {
                int tier = shadowTier[shadow];
                refaulted[tier]++;
                nextInsertIsWorkingset = tier == TIERS - 1;
            }
            shadowSeq[shadow] = DEAD;
        }

        @Override
        public void onInsert(long key, int slot) {
            keyOf[slot] = key;
            if (mapped) {
                generations.addFirst(listOf(maxSeq), slot);
                accessed.addLast(ACCESSED, slot);
            } else {
                generations.addFirst(listOf(minSeq), slot);
                // The read that brought the page in marks it accessed; PG_workingset from a refault counts as one more.
                refs[slot] = (byte) (nextInsertIsWorkingset ? 2 : 1);
            }
            nextInsertIsWorkingset = false;
            resident++;
        }

        @Override
        public void onRemove(int slot) {
            generations.remove(slot);
            if (mapped && accessed.isLinked(slot)) {
                accessed.remove(slot);
            }
            refs[slot] = 0;
            resident--;
        }

        @Override
        public int evict() {
            if (shouldAgeForSpread()) {
                age();
            }
            int tierIdx = fixedTierIdx >= 0 ? fixedTierIdx : tierIdxFromController();
            while (true) {
                if (generationCount() <= minGens) {
                    age();
                }
                int oldest = listOf(minSeq);
                int slot = generations.last(oldest);
                if (slot == IntLinkedLists.NIL) {
                    advanceMinSeq();
                    continue;
                }
                if (mapped) {
                    if (accessed.isLinked(slot)) {
                        accessed.remove(slot);
                        generations.moveToFirst(listOf(maxSeq), slot);
                        continue;
                    }
                } else {
                    int tier = tierOf(refs[slot]);
                    if (tier > tierIdx) {
                        generations.moveToLast(listOf(minSeq + 1), slot);
                        protectedPages[tier]++;
                        refs[slot] = 0;
                        continue;
                    }
                    evicted[tier]++;
                    leaveShadow(keyOf[slot], tier);
                    refs[slot] = 0;
                }
                generations.remove(slot);
                resident--;
                lastVictimSeq = minSeq;
                return slot;
            }
        }

        /** {@code should_run_aging()} with MIN_NR_GENS + 1 generations: are the pages spread too unevenly? */
        private boolean shouldAgeForSpread() {
            int count = generationCount();
            if (count != minGens + 1 || count >= maxGens) {
                return false;
            }
            long young = generations.size(listOf(maxSeq));
            long old = generations.size(listOf(maxSeq - minGens));
            return young * minGens > resident || old * (minGens + 2) < resident;
        }

        /** {@code inc_max_seq()}: a new youngest generation; in mapped mode, the walk promotes accessed pages into it. */
        private void age() {
            maxSeq++;
            if (mapped) {
                int youngest = listOf(maxSeq);
                for (int slot = accessed.removeFirst(ACCESSED); slot != IntLinkedLists.NIL;
                     slot = accessed.removeFirst(ACCESSED)) {
                    generations.moveToFirst(youngest, slot);
                }
            }
        }

        /** {@code try_to_inc_min_seq()}: skip the empty oldest generations, keeping at least MIN_NR_GENS. */
        private void advanceMinSeq() {
            boolean moved = false;
            while (generationCount() > minGens && generations.size(listOf(minSeq)) == 0) {
                minSeq++;
                moved = true;
            }
            if (moved) {
                resetControllerWindow();
            }
        }

        /** {@code reset_ctrl_pos(carryover = true)}. */
        private void resetControllerWindow() {
            for (int tier = 0; tier < TIERS; tier++) {
                avgRefaulted[tier] = (avgRefaulted[tier] + refaulted[tier]) / 2;
                avgTotal[tier] = (avgTotal[tier] + evicted[tier] + protectedPages[tier]) / 2;
                refaulted[tier] = 0;
                evicted[tier] = 0;
                protectedPages[tier] = 0;
            }
        }

        /** {@code get_tier_idx()}: tier 0 with gain 1 is the set point, each higher tier with gain 2 the process variable. */
        private int tierIdxFromController() {
            long spRefaulted = avgRefaulted[0] + refaulted[0];
            long spTotal = avgTotal[0] + evicted[0] + protectedPages[0];
            int tier = 1;
            for (; tier < TIERS; tier++) {
                long pvRefaulted = avgRefaulted[tier] + refaulted[tier];
                long pvTotal = avgTotal[tier] + evicted[tier] + protectedPages[tier];
                if (!positiveControlError(spRefaulted, spTotal, 1, pvRefaulted, pvTotal, 2)) {
                    break;
                }
            }
            return tier - 1;
        }

        /** {@code lru_gen_eviction()}: remembers the evicted key with the current min_seq and its tier. */
        private void leaveShadow(long key, int tier) {
            int i = shadowHand;
            shadowHand = i + 1 == shadowKey.length ? 0 : i + 1;
            if (shadowSeq[i] != DEAD) {
                // A live entry is still the one its key maps to: a refault would have killed it first.
                shadowOf.remove(shadowKey[i]);
            }
            shadowKey[i] = key;
            shadowSeq[i] = minSeq;
            shadowTier[i] = (byte) tier;
            shadowOf.put(key, i);
        }

        Snapshot snapshot() {
            long[] seqOf = new long[capacity];
            for (int slot = 0; slot < capacity; slot++) {
                int list = generations.listOf(slot);
                if (list == IntLinkedLists.NIL) {
                    seqOf[slot] = NOT_IN_WINDOW;
                    continue;
                }
                long seq = minSeq + Math.floorMod(list - listOf(minSeq), maxGens);
                seqOf[slot] = seq <= maxSeq ? seq : NOT_IN_WINDOW;
            }
            int[] sizes = new int[maxGens];
            for (int list = 0; list < maxGens; list++) {
                sizes[list] = generations.size(list);
            }
            int tierIdx = fixedTierIdx >= 0 ? fixedTierIdx : tierIdxFromController();
            return new Snapshot(minSeq, maxSeq, lastVictimSeq, tierIdx, seqOf, sizes);
        }
    }
}
