package org.mmsim.tools.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * Each exercise's answers against an independent solution: the page tables walked again from the question's dump;
 * the buddy allocator's pages accounted for; the reference string replayed by plain textbook FIFO, LRU, CLOCK and OPT;
 * the OOM choice as the highest oom_badness(). And a seed gives back the same exercise.
 */
class ExercisesTest {
    private static final PolicyRegistry REGISTRY = PolicyRegistry.load(Optional.empty());

    @Test
    void aSeedGivesBackTheSameExercise() {
        for (String kind : Exercises.KINDS) {
            assertEquals(Exercises.generate(kind, 7, REGISTRY), Exercises.generate(kind, 7, REGISTRY), kind);
            assertNotEquals(Exercises.generate(kind, 7, REGISTRY).question(), Exercises.generate(kind, 8, REGISTRY).question(), kind);
        }
        assertThrows(IllegalArgumentException.class, () -> Exercises.generate("nosuch", 1, REGISTRY));
    }

    @Test
    void translationsFollowTheDumpedTables() {
        Pattern frame = Pattern.compile("^frame (0x[0-9a-f]+):$");
        Pattern entry = Pattern.compile("^  \\[ *(\\d+)\\] (0x[0-9a-f]+) ");
        Pattern access = Pattern.compile("^ *\\d+\\. (read|write) +(0x[0-9a-f]+): (.*)$");
        for (long seed = 1; seed <= 20; seed++) {
            Exercise e = Exercises.generate("translate", seed, REGISTRY);
            Map<Long, Map<Integer, Long>> tables = new HashMap<>();
            long current = -1;
            for (String line : e.question().split("\n")) {
                Matcher f = frame.matcher(line);
                Matcher x = entry.matcher(line);
                if (f.find()) {
                    current = Long.decode(f.group(1));
                    tables.put(current, new HashMap<>());
                } else if (x.find()) {
                    tables.get(current).put(Integer.parseInt(x.group(1)), Long.decode(x.group(2)));
                }
            }
            Matcher cr3 = Pattern.compile("CR3 = (0x[0-9a-f]+)").matcher(e.question());
            assertTrue(cr3.find());
            int faults = 0;
            for (String line : e.answer().split("\n")) {
                Matcher a = access.matcher(line);
                assertTrue(a.find(), line);
                String expected = walk(tables, Long.decode(cr3.group(1)) >>> 12, Long.decode(a.group(2)),
                        a.group(1).equals("write"));
                assertTrue(a.group(3).endsWith(expected), "seed " + seed + ": " + line + " expected " + expected);
                faults += a.group(3).contains("page fault") ? 1 : 0;
            }
            assertTrue(faults >= 2, "holes and a protection fault to find");
        }
    }

    /** A walk of the dumped tables, written from the x86-64 format alone. */
    private static String walk(Map<Long, Map<Integer, Long>> tables, long table, long vaddr, boolean write) {
        int[] shifts = {39, 30, 21, 12};
        for (int level = 0; level < 4; level++) {
            long e = tables.get(table).getOrDefault((int) (vaddr >>> shifts[level] & 511), 0L);
            if ((e & 1) == 0) {
                return "not present)";
            }
            boolean leaf = level == 3 || (level == 2 && (e & 0x80) != 0);
            if (leaf) {
                if (write && (e & 2) == 0) {
                    return "write to a read-only page)";
                }
                long physical = (e & 0xffffffffff000L & ~((1L << shifts[level]) - 1)) | (vaddr & ((1L << shifts[level]) - 1));
                return String.format("physical %#x", physical) + (level == 2 ? " (2 MiB page)" : "");
            }
            table = (e & 0xffffffffff000L) >>> 12;
        }
        throw new AssertionError();
    }

    @Test
    void theBuddyZoneAlwaysHoldsItsSixteenPages() {
        Pattern step = Pattern.compile("^(\\d+)\\. (.*?)   buddyinfo ([\\d ]+)$");
        Pattern alloc = Pattern.compile("alloc_pages\\(order (\\d)\\) -> pfn (\\d+)");
        Pattern free = Pattern.compile("free_pages\\(\\w+\\) \\(pfn (\\d+), order (\\d)\\)");
        for (long seed = 1; seed <= 30; seed++) {
            Exercise e = Exercises.generate("buddy", seed, REGISTRY);
            long allocated = 0;
            for (String line : e.answer().split("\n")) {
                Matcher m = step.matcher(line);
                assertTrue(m.find(), line);
                Matcher a = alloc.matcher(m.group(2));
                Matcher f = free.matcher(m.group(2));
                if (a.find()) {
                    int order = Integer.parseInt(a.group(1));
                    assertEquals(0, Long.parseLong(a.group(2)) % (1L << order), "a block is aligned to its size: " + line);
                    allocated += 1L << order;
                } else if (f.find()) {
                    allocated -= 1L << Integer.parseInt(f.group(2));
                }
                String[] counts = m.group(3).trim().split(" +");
                long free16 = 0;
                for (int o = 0; o < counts.length; o++) {
                    free16 += Long.parseLong(counts[o]) << o;
                }
                assertEquals(16, free16 + allocated, "seed " + seed + ": " + line);
            }
        }
    }

    @Test
    void replacementAsTheTextbookHasIt() {
        Pattern refs = Pattern.compile("references:\\n  ([\\d ]+)\\n");
        Pattern setup = Pattern.compile("^(\\d) page frames, empty at the start; the (\\w+) policy");
        for (long seed = 1; seed <= 40; seed++) {
            Exercise e = Exercises.generate("replace", seed, REGISTRY);
            Matcher r = refs.matcher(e.question());
            Matcher s = setup.matcher(e.question());
            assertTrue(r.find() && s.find(), e.question());
            List<Integer> string = new ArrayList<>();
            for (String w : r.group(1).trim().split(" ")) {
                string.add(Integer.parseInt(w));
            }
            List<String> expected = textbook(s.group(2), Integer.parseInt(s.group(1)), string);
            String[] lines = e.answer().split("\n");
            for (int i = 0; i < string.size(); i++) {
                assertTrue(lines[i].endsWith(expected.get(i)), s.group(2) + " seed " + seed + " ref " + (i + 1) + ": "
                        + lines[i] + " expected " + expected.get(i));
            }
        }
    }

    /** FIFO, LRU, CLOCK (second chance, the hand after the last frame filled) and OPT, as textbooks define them. */
    private static List<String> textbook(String policy, int frames, List<Integer> refs) {
        List<String> out = new ArrayList<>();
        LinkedList<Integer> order = new LinkedList<>();
        int[] slot = new int[frames];
        boolean[] referenced = new boolean[frames];
        int used = 0;
        int hand = 0;
        for (int i = 0; i < refs.size(); i++) {
            int page = refs.get(i);
            int at = -1;
            for (int k = 0; k < used; k++) {
                at = slot[k] == page ? k : at;
            }
            if (at >= 0) {
                referenced[at] = true;
                if (policy.equals("LRU")) {
                    order.remove((Integer) page);
                    order.addLast(page);
                }
                out.add(page + " hit");
                continue;
            }
            String evicted = "";
            int into;
            if (used < frames) {
                into = used++;
            } else {
                int victim;
                switch (policy) {
                    case "FIFO", "LRU" -> victim = order.removeFirst();
                    case "CLOCK" -> {
                        while (referenced[hand]) {
                            referenced[hand] = false;
                            hand = (hand + 1) % frames;
                        }
                        victim = slot[hand];
                        hand = (hand + 1) % frames;
                    }
                    default -> {
                        // Ties (pages never used again) go to the highest-numbered frame, as the question says.
                        victim = slot[0];
                        int farthest = -1;
                        for (int k = 0; k < frames; k++) {
                            int next = refs.subList(i + 1, refs.size()).indexOf(slot[k]);
                            int distance = next < 0 ? Integer.MAX_VALUE : next;
                            if (distance >= farthest) {
                                farthest = distance;
                                victim = slot[k];
                            }
                        }
                    }
                }
                order.remove((Integer) victim);
                into = 0;
                for (int k = 0; k < frames; k++) {
                    into = slot[k] == victim ? k : into;
                }
                evicted = ", evicts " + victim;
            }
            slot[into] = page;
            referenced[into] = false;
            order.addLast(page);
            out.add(page + " miss" + evicted);
        }
        return out;
    }

    @Test
    void theOomKillerTakesTheHighestBadness() {
        Pattern row = Pattern.compile("^ +(\\d+) \\S+ +points (\\d+|never.*), oom_score (\\d+)$");
        for (long seed = 1; seed <= 30; seed++) {
            Exercise e = Exercises.generate("oom", seed, REGISTRY);
            long best = Long.MIN_VALUE;
            int chosen = -1;
            for (String line : e.answer().split("\n")) {
                Matcher m = row.matcher(line);
                if (m.find() && !m.group(2).startsWith("never") && Long.parseLong(m.group(2)) >= best) {
                    best = Long.parseLong(m.group(2));
                    chosen = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(e.answer().endsWith("the OOM killer kills pid " + chosen + "\n"), "seed " + seed + ": " + e.answer());
        }
    }
}
