package org.mmsim.tools.exercise;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.mmsim.spi.FutureAware;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.trace.plugin.PolicyChoice;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * Page replacement on a reference string: a few frames, a dozen and a half references, and a policy (FIFO, LRU,
 * CLOCK or OPT, the built-in plugins themselves, driven as a trace replay drives them): for each reference, hit or
 * miss and the page evicted.
 */
final class Replacement {
    private static final String[] POLICIES = {"fifo", "lru", "clock", "opt"};
    /** How each policy decides, as far as the answer depends on it. */
    private static final java.util.Map<String, String> RULES = java.util.Map.of(
            "fifo", "FIFO evicts the page loaded first.\n",
            "lru", "LRU evicts the page used least recently.\n",
            "clock", "CLOCK: frames in a circle, filled in order; a hit sets the page's reference bit; on a miss the hand,\n"
                    + "starting after the last frame filled, clears set bits until it finds a clear one, evicts that page\n"
                    + "and moves one past it.\n",
            "opt", "OPT evicts the page used again farthest in the future; among pages never used again, the one in the\n"
                    + "highest-numbered frame (frames are numbered as they fill, a new page takes its victim's frame).\n");

    private Replacement() {
    }

    static Exercise generate(long seed, PolicyRegistry registry) {
        SplittableRandom random = new SplittableRandom(seed);
        String policy = POLICIES[random.nextInt(POLICIES.length)];
        int frames = 3 + random.nextInt(2);
        int[] refs = new int[16 + random.nextInt(5)];
        for (int i = 0; i < refs.length; i++) {
            // Locality: usually a page near the last one, sometimes anywhere.
            refs[i] = i > 0 && random.nextInt(3) > 0 ? Math.max(0, Math.min(7, refs[i - 1] + random.nextInt(3) - 1))
                    : random.nextInt(8);
        }
        String question = String.format("%d page frames, empty at the start; the %s policy; the references:%n  %s%n"
                + "For each reference: hit or miss, and on a miss with every frame taken, the page evicted. How many misses?%n"
                + "%s", frames, policy.toUpperCase(java.util.Locale.ROOT), Arrays.toString(refs).replaceAll("[\\[\\],]", ""),
                RULES.get(policy));
        return new Exercise("replace", seed, question, answer(registry.replacement(policy), frames, refs));
    }

    /** Replays the string as the replay engine does, and says what happened at each reference. */
    static String answer(PolicyChoice<org.mmsim.spi.ReplacementPolicyProvider> choice, int frames, int[] refs) {
        ReplacementPolicy policy = choice.provider().create(new PolicySettings(frames, 1, choice.arguments()));
        int[] pageIn = new int[frames];
        int[] slotOf = new int[16];
        Arrays.fill(slotOf, -1);
        int resident = 0;
        int misses = 0;
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < refs.length; i++) {
            int page = refs[i];
            if (policy instanceof FutureAware future) {
                long next = FutureAware.NEVER;
                for (int j = i + 1; j < refs.length; j++) {
                    if (refs[j] == page) {
                        next = j;
                        break;
                    }
                }
                future.nextUse(next);
            }
            if (slotOf[page] >= 0) {
                policy.onHit(slotOf[page]);
                a.append(String.format("%2d. %d hit%n", i + 1, page));
                continue;
            }
            misses++;
            policy.onMiss(page);
            int slot;
            String evicted = "";
            if (resident < frames) {
                slot = resident++;
            } else {
                slot = policy.evict();
                evicted = ", evicts " + pageIn[slot];
                slotOf[pageIn[slot]] = -1;
            }
            slotOf[page] = slot;
            pageIn[slot] = page;
            policy.onInsert(page, slot);
            a.append(String.format("%2d. %d miss%s%n", i + 1, page, evicted));
        }
        return a.append(String.format("%d misses of %d references%n", misses, refs.length)).toString();
    }
}
