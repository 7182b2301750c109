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
 * CLOCK-Pro (Song Jiang, Feng Chen &amp; Xiaodong Zhang, "CLOCK-Pro: An Effective Improvement of the CLOCK
 * Replacement", USENIX Annual Technical Conference 2005): LIRS's reuse-distance test carried out by clock hands and
 * reference bits, so that a hit only sets a bit.
 *
 * <p>One circular list holds three kinds of page: <em>hot</em> pages (LIRS's LIR blocks), resident <em>cold</em> pages,
 * and non-resident cold pages. A cold page may be in its <em>test period</em>, which starts when it enters the clock
 * and lasts until a hand terminates it; a cold page re-referenced during its test period has a reuse distance small
 * enough to be hot. Non-resident pages are kept only while in test. Three hands move the same way round the clock:
 * <ul>
 *   <li>HANDhot is at the tail, the hot page with the largest recency. Moving it turns the first unreferenced hot page
 *       it meets into a cold page (clearing the bits of referenced ones), terminates the test period of the cold pages
 *       it passes and removes the non-resident ones (doing HANDtest's work), and stops at the next hot page. Every page
 *       it passes is left behind it, at the list head.</li>
 *   <li>HANDcold is at the oldest resident cold page, where a victim is sought. An unreferenced page is evicted; it
 *       stays in the clock as a non-resident page if in its test period and leaves it otherwise. A referenced page in
 *       its test period becomes hot, then HANDhot runs; a referenced page not in test starts a new test period. Either
 *       way its bit is cleared and it moves to the list head.</li>
 *   <li>HANDtest is at the oldest cold page in its test period. While more than {@code capacity} pages are
 *       non-resident (the paper's bound), it terminates test periods and removes non-resident pages.</li>
 * </ul>
 * A miss first runs HANDcold for a free slot. The faulted page then becomes hot and goes to the list head if it is
 * still in the clock as a non-resident page; otherwise it is a new cold page at the list head, in its test period.
 * Adaptation: a cold page referenced in its test period adds 1 to {@code mc}, the target number of resident cold
 * pages; a test period that ends without a reference subtracts 1 (the paper counts resident and non-resident cold
 * pages alike). HANDhot demotes hot pages while {@code hot > capacity − mc}: once the cache is full and {@code mc}
 * steady, one demotion per promotion; after {@code mc} has shrunk, promotions fill the larger hot allocation first.
 *
 * <p>The list is kept with the tail (HANDhot's page) first, so "move to the list head" is an append and HANDhot's
 * step is a rotation. HANDcold and HANDtest are node numbers and always point to the first page of their kind from the
 * tail, so HANDhot never passes them (see below).
 *
 * <p>Choices the paper leaves open, and ours:
 * <ul>
 *   <li><b>Cold allocation.</b> {@code mc} starts at {@code cold-ratio × capacity} (default 0.01, LIRS's 1%) and moves
 *       between {@code minCold = max(1, floor(min-cold-ratio × capacity))} (default 1%) and
 *       {@code capacity − minCold} (at least {@code minCold}); decimals round down. With {@code adaptive=false} it stays
 *       fixed, as in the authors' {@code clock-pro.c}, whose default is a fixed 5%. The paper gives no initial value.</li>
 *   <li><b>HANDhot meeting another hand.</b> When HANDhot passes the page under HANDcold or HANDtest, that hand moves
 *       on to the next page of its kind, as {@code clock-pro.c} does for HANDtest: the passed page is now at the list
 *       head, so it is no longer the oldest of its kind, the position the paper gives each hand. A resident cold page
 *       passed this way (its test period ended) is therefore not the next victim; HANDcold reaches it again later.</li>
 *   <li><b>What counts for adaptation.</b> {@code mc} grows when a cold page in test is promoted (found referenced by
 *       HANDcold, or faulted in while non-resident); it shrinks when HANDtest or HANDhot ends a test period of a page
 *       whose reference bit is clear (every non-resident page, and unreferenced resident ones). A resident page whose
 *       test ends while its bit is set leaves {@code mc} alone: it was re-referenced, but HANDcold has not seen it.</li>
 *   <li><b>Cold start.</b> While more than {@code mc} slots are free, a page not in the clock becomes hot (not in test);
 *       so the first {@code capacity − mc} distinct pages are hot and the next ones cold, as in {@code clock-pro.c}.
 *       The same rule refills slots freed by onRemove.</li>
 *   <li><b>Reference bits.</b> A page enters the clock, or is promoted on a fault, with its bit clear: only hits set it.
 *       Consecutive references to the same page are not filtered (every request counts; {@code clock-pro.c} skips
 *       them, so its repeated reference sets no bit).</li>
 *   <li><b>Demoted pages</b> become resident cold pages, not in test, at the list head.</li>
 *   <li><b>Order of work on a miss.</b> HANDcold runs before the faulted page is looked up, as the paper orders it, so
 *       the HANDtest work HANDcold triggers may end the faulted page's test period first (then it enters cold).</li>
 *   <li><b>onRemove.</b> The page leaves the clock with no history; hands on it move to the next page of their kind.
 *       If it was HANDhot's page, HANDhot next moves from the page after it. {@code mc} is unchanged.</li>
 *   <li><b>Eviction without a resident cold page</b>, which only a host that reclaims before the cache is full can ask
 *       for: HANDhot demotes a hot page first.</li>
 * </ul>
 */
@AutoService(ReplacementPolicyProvider.class)
public final class ClockPro implements ReplacementPolicyProvider {
    static final String COLD_RATIO = "cold-ratio";
    static final String MIN_COLD_RATIO = "min-cold-ratio";
    static final String ADAPTIVE = "adaptive";

    @Override
    public String name() {
        return "clock-pro";
    }

    @Override
    public String description() {
        return "CLOCK-Pro: hot and cold pages and a test period judged by three clock hands (Jiang, Chen & Zhang, USENIX ATC 2005)";
    }

    @Override
    public List<PolicyParameter> parameters() {
        return List.of(
                PolicyParameter.ofDecimal(COLD_RATIO, 0.01, 0, 1,
                        "initial share of the capacity for resident cold pages (mc), rounded down and kept within its bounds"),
                PolicyParameter.ofDecimal(MIN_COLD_RATIO, 0.01, 0, 0.5,
                        "least share for resident cold pages, at least 1 page; the most is capacity minus the least"),
                PolicyParameter.ofBoolean(ADAPTIVE, true,
                        "adapt mc to test-period outcomes (the paper); false keeps it fixed, as clock-pro.c by default"));
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        int capacity = settings.capacity();
        int minCold = minCold(capacity, settings.arguments().doubleValue(MIN_COLD_RATIO));
        int maxCold = Math.max(minCold, capacity - minCold);
        int initial = (int) Math.floor(settings.arguments().doubleValue(COLD_RATIO) * capacity);
        initial = Math.max(minCold, Math.min(maxCold, initial));
        return new Policy(capacity, minCold, maxCold, initial, settings.arguments().booleanValue(ADAPTIVE));
    }

    /** The least number of resident cold pages: {@code max(1, floor(ratio × capacity))}, at most the capacity. */
    static int minCold(int capacity, double ratio) {
        return (int) Math.min(capacity, Math.max(1L, (long) Math.floor(ratio * capacity)));
    }

    /** The clock from the tail, for tests: key and kind ({@code H}ot, {@code C}old, {@code N}on-resident), {@code t} if in test, {@code r} if referenced. */
    static String describe(ReplacementPolicy policy) {
        return ((Policy) policy).describe();
    }

    /**
     * Checks the hands, the counts and the bounds; returns what is broken, or null.
     *
     * @param resident the number of resident pages according to the host
     * @param tailIsHot whether to check that HANDhot's page is hot when any page is (true unless the host removed pages)
     */
    static String violation(ReplacementPolicy policy, int resident, boolean tailIsHot) {
        return ((Policy) policy).violation(resident, tailIsHot);
    }

    /** The current target of resident cold pages, {@code mc}, for tests. */
    static int coldTarget(ReplacementPolicy policy) {
        return ((Policy) policy).coldTarget;
    }

    private static final class Policy implements ReplacementPolicy {
        private static final int NIL = IntLinkedLists.NIL;
        private static final int CLOCK = 0;

        private final int capacity;
        private final int minCold;
        private final int maxCold;
        private final boolean adaptive;
        /** The clock, tail first. Nodes below {@code capacity} are slots; the others are non-resident pages. */
        private final IntLinkedLists clock;
        private final boolean[] hot;
        private final boolean[] referenced;
        private final boolean[] inTest;
        private final long[] slotKey;
        private final long[] ghostKey;
        private final int[] freeGhosts;
        private int freeGhostCount;
        private final LongIntHashMap ghosts;
        private int hotCount;
        private int coldCount;
        private int coldTarget;
        private int handCold = NIL;
        private int handTest = NIL;

        Policy(int capacity, int minCold, int maxCold, int coldTarget, boolean adaptive) {
            this.capacity = capacity;
            this.minCold = minCold;
            this.maxCold = maxCold;
            this.coldTarget = coldTarget;
            this.adaptive = adaptive;
            // One more non-resident node than the bound: an eviction makes its page non-resident before HANDtest
            // brings the count back within the bound, as in the paper.
            int ghostNodes = capacity + 1;
            clock = new IntLinkedLists(capacity + ghostNodes, 1);
            hot = new boolean[capacity];
            referenced = new boolean[capacity];
            inTest = new boolean[capacity];
            slotKey = new long[capacity];
            ghostKey = new long[ghostNodes];
            freeGhosts = new int[ghostNodes];
            for (int i = 0; i < ghostNodes; i++) {
                freeGhosts[i] = capacity + ghostNodes - 1 - i;
            }
            freeGhostCount = ghostNodes;
            ghosts = new LongIntHashMap(ghostNodes, NIL);
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
                int page = handCold;
                if (page == NIL) {
                    demote();
                    continue;
                }
                int after = clock.next(page);
                if (!referenced[page]) {
                    coldCount--;
                    if (inTest[page]) {
                        int ghost = newGhost(slotKey[page]);
                        clock.addBefore(page, ghost);
                        clock.remove(page);
                        if (handTest == page) {
                            handTest = ghost;
                        }
                        handCold = nextResidentCold(clock.next(ghost));
                        inTest[page] = false;
                        if (ghosts.size() > capacity) {
                            runTestHand();
                        }
                    } else {
                        clock.remove(page);
                        handCold = nextResidentCold(after);
                    }
                    return page;
                }
                referenced[page] = false;
                if (inTest[page]) {
                    inTest[page] = false;
                    hot[page] = true;
                    coldCount--;
                    hotCount++;
                    grow();
                    clock.moveToLast(CLOCK, page);
                    handCold = nextResidentCold(after);
                    if (handTest == page) {
                        handTest = nextInTest(after);
                    }
                    while (hotCount > capacity - coldTarget) {
                        demote();
                    }
                } else {
                    inTest[page] = true;
                    clock.moveToLast(CLOCK, page);
                    // The page itself is now last, so the scan ends at it if nothing older qualifies.
                    handCold = nextResidentCold(after == NIL ? page : after);
                    if (handTest == NIL) {
                        handTest = page;
                    }
                }
            }
        }

        @Override
        public void onInsert(long key, int slot) {
            slotKey[slot] = key;
            referenced[slot] = false;
            int ghost = ghosts.get(key);
            if (ghost != NIL) {
                dropGhost(ghost, clock.next(ghost));
                clock.addLast(CLOCK, slot);
                hot[slot] = true;
                inTest[slot] = false;
                hotCount++;
                grow();
                while (hotCount > capacity - coldTarget) {
                    demote();
                }
            } else if (capacity - hotCount - coldCount > coldTarget) {
                clock.addLast(CLOCK, slot);
                hot[slot] = true;
                inTest[slot] = false;
                hotCount++;
            } else {
                clock.addLast(CLOCK, slot);
                hot[slot] = false;
                inTest[slot] = true;
                coldCount++;
                if (handCold == NIL) {
                    handCold = slot;
                }
                if (handTest == NIL) {
                    handTest = slot;
                }
            }
        }

        @Override
        public void onRemove(int slot) {
            int after = clock.next(slot);
            clock.remove(slot);
            if (hot[slot]) {
                hotCount--;
            } else {
                coldCount--;
            }
            hot[slot] = false;
            inTest[slot] = false;
            referenced[slot] = false;
            if (handCold == slot) {
                handCold = nextResidentCold(after);
            }
            if (handTest == slot) {
                handTest = nextInTest(after);
            }
        }

        /**
         * Runs HANDhot until it has turned one hot page cold, then on to the next hot page. Needs a hot page.
         */
        private void demote() {
            while (true) {
                int page = clock.first(CLOCK);
                if (page < capacity && hot[page]) {
                    clock.moveToLast(CLOCK, page);
                    if (referenced[page]) {
                        referenced[page] = false;
                        continue;
                    }
                    hot[page] = false;
                    hotCount--;
                    coldCount++;
                    if (handCold == NIL) {
                        handCold = page;
                    }
                    break;
                }
                passCold(page);
            }
            int page;
            while (hotCount > 0 && !((page = clock.first(CLOCK)) < capacity && hot[page])) {
                passCold(page);
            }
        }

        /** HANDhot passes the cold page at the tail: its test period ends, and a non-resident page leaves. */
        private void passCold(int page) {
            int after = clock.next(page);
            if (page >= capacity) {
                shrink();
                dropGhost(page, after);
                return;
            }
            if (inTest[page]) {
                inTest[page] = false;
                if (!referenced[page]) {
                    shrink();
                }
            }
            clock.moveToLast(CLOCK, page);
            int from = after == NIL ? page : after;
            if (handCold == page) {
                handCold = nextResidentCold(from);
            }
            if (handTest == page) {
                handTest = nextInTest(from);
            }
        }

        /** HANDtest ends test periods, oldest first, until at most {@code capacity} pages are non-resident. */
        private void runTestHand() {
            while (ghosts.size() > capacity) {
                int page = handTest;
                int after = clock.next(page);
                if (page >= capacity) {
                    shrink();
                    dropGhost(page, after);
                } else {
                    inTest[page] = false;
                    if (!referenced[page]) {
                        shrink();
                    }
                    handTest = nextInTest(after);
                }
            }
        }

        /** Unlinks and frees a non-resident page whose successor was {@code after}, moving HANDtest off it. */
        private void dropGhost(int ghost, int after) {
            clock.remove(ghost);
            ghosts.remove(ghostKey[ghost - capacity]);
            freeGhosts[freeGhostCount++] = ghost;
            if (handTest == ghost) {
                handTest = nextInTest(after);
            }
        }

        private int newGhost(long key) {
            int ghost = freeGhosts[--freeGhostCount];
            ghostKey[ghost - capacity] = key;
            ghosts.put(key, ghost);
            return ghost;
        }

        private int nextResidentCold(int from) {
            int page = from;
            while (page != NIL && (page >= capacity || hot[page])) {
                page = clock.next(page);
            }
            return page;
        }

        private int nextInTest(int from) {
            int page = from;
            while (page != NIL && page < capacity && !inTest[page]) {
                page = clock.next(page);
            }
            return page;
        }

        private void grow() {
            if (adaptive && coldTarget < maxCold) {
                coldTarget++;
            }
        }

        private void shrink() {
            if (adaptive && coldTarget > minCold) {
                coldTarget--;
            }
        }

        String describe() {
            StringBuilder text = new StringBuilder("[");
            for (int n = clock.first(CLOCK); n != NIL; n = clock.next(n)) {
                if (n != clock.first(CLOCK)) {
                    text.append(", ");
                }
                if (n >= capacity) {
                    text.append(ghostKey[n - capacity]).append("Nt");
                } else {
                    text.append(slotKey[n]).append(hot[n] ? 'H' : 'C');
                    if (inTest[n]) {
                        text.append('t');
                    }
                    if (referenced[n]) {
                        text.append('r');
                    }
                }
            }
            return text.append("] mc=").append(coldTarget).toString();
        }

        String violation(int resident, boolean tailIsHot) {
            int hotSeen = 0;
            int coldSeen = 0;
            int ghostSeen = 0;
            int firstCold = NIL;
            int firstTest = NIL;
            for (int n = clock.first(CLOCK); n != NIL; n = clock.next(n)) {
                boolean test;
                if (n >= capacity) {
                    ghostSeen++;
                    test = true;
                    if (ghosts.get(ghostKey[n - capacity]) != n) {
                        return "non-resident page " + ghostKey[n - capacity] + " is not indexed by its key";
                    }
                } else if (hot[n]) {
                    hotSeen++;
                    test = false;
                    if (inTest[n]) {
                        return "hot page " + slotKey[n] + " is in a test period: " + describe();
                    }
                } else {
                    coldSeen++;
                    test = inTest[n];
                    if (firstCold == NIL) {
                        firstCold = n;
                    }
                }
                if (test && firstTest == NIL) {
                    firstTest = n;
                }
            }
            if (hotSeen != hotCount || coldSeen != coldCount || ghostSeen != ghosts.size()
                    || ghostSeen + freeGhostCount != capacity + 1) {
                return "counts: clock has " + hotSeen + " hot, " + coldSeen + " cold, " + ghostSeen + " non-resident; counted "
                        + hotCount + ", " + coldCount + ", " + ghosts.size() + " (" + freeGhostCount + " free)";
            }
            if (hotCount + coldCount != resident) {
                return hotCount + " hot + " + coldCount + " resident cold pages, but " + resident + " are resident";
            }
            if (ghostSeen > capacity) {
                return ghostSeen + " non-resident pages, more than the capacity " + capacity;
            }
            if (handCold != firstCold) {
                return "HANDcold is at node " + handCold + ", not at the oldest resident cold page " + firstCold + ": " + describe();
            }
            if (handTest != firstTest) {
                return "HANDtest is at node " + handTest + ", not at the oldest page in test " + firstTest + ": " + describe();
            }
            if (coldTarget < minCold || coldTarget > maxCold || maxCold > capacity) {
                return "mc " + coldTarget + " outside [" + minCold + ", " + maxCold + "]";
            }
            if (hotCount > capacity - coldTarget) {
                return hotCount + " hot pages, more than capacity - mc = " + (capacity - coldTarget);
            }
            int tail = clock.first(CLOCK);
            if (tailIsHot && hotCount > 0 && !(tail < capacity && hot[tail])) {
                return "HANDhot's page is not hot: " + describe();
            }
            return null;
        }
    }
}
