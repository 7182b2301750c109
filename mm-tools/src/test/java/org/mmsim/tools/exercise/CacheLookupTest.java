package org.mmsim.tools.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.mmsim.tools.machine.MachineAssembler;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * The cache exercise's answers against a textbook solver written here from the definitions alone: a list of tags per
 * set, least recently used first; a miss takes the lowest empty way, else the LRU tag's way; a miss is compulsory on
 * a line's first use, capacity if a fully associative LRU cache of as many lines misses too, else conflict.
 */
class CacheLookupTest {
    private static final PolicyRegistry REGISTRY = PolicyRegistry.load(Optional.empty());
    private static final Pattern SHAPE = Pattern.compile("data cache of (\\d+) sets? of (\\d+) lines?, (\\d+)-byte lines");
    private static final Pattern ACCESS = Pattern.compile("^ *\\d+\\. (read|write) +0x([0-9a-f]{4})\\b(.*)$");
    private static final Pattern FIELD = Pattern.compile("^  (tag|set index|offset) +bits (\\d+)-(\\d+) ");

    @Property(tries = 300)
    void everyAnswerIsTheTextbooks(@ForAll long seed) {
        Exercise e = Exercises.generate("cache", seed, REGISTRY);
        Exercise again = Exercises.generate("cache", seed, REGISTRY);
        assertEquals(e.question() + e.answer(), again.question() + again.answer(), "a seed gives it back byte for byte");
        Matcher shape = SHAPE.matcher(e.question());
        assertTrue(shape.find(), e.question());
        int sets = Integer.parseInt(shape.group(1));
        int ways = Integer.parseInt(shape.group(2));
        int line = Integer.parseInt(shape.group(3));
        assertTrue(List.of(1, 4, 8, 16).contains(sets) && ways >= 1 && ways <= 4 && line >= 16 && line <= 64
                && Integer.bitCount(line) == 1, "a geometry worked by hand: " + sets + "x" + ways + "x" + line);
        assertTrue(ways == 1 || sets == 1 || sets >= 4, "direct-mapped, fully associative or set-associative");
        assertBitFields(e.question(), sets, line);

        List<Integer> addresses = new ArrayList<>();
        List<String> askedRows = new ArrayList<>();
        for (String row : e.question().split("\n")) {
            Matcher m = ACCESS.matcher(row);
            if (m.find()) {
                addresses.add(Integer.parseInt(m.group(2), 16));
                askedRows.add(row);
                assertTrue(m.group(3).matches(" +_+ +_+ +_+ +_+ +_+"), "the question leaves the row blank: " + row);
            }
        }
        assertTrue(addresses.size() >= 10 && addresses.size() <= 16, "10 to 16 accesses: " + addresses.size());

        Textbook expected = Textbook.solve(sets, ways, line, addresses);
        String[] answer = e.answer().split("\n");
        int hits = 0;
        for (int i = 0; i < addresses.size(); i++) {
            Matcher m = ACCESS.matcher(answer[i + 1]);
            assertTrue(m.find(), answer[i + 1]);
            assertEquals(askedRows.get(i).substring(0, 19), answer[i + 1].substring(0, 19), "the same access");
            String[] f = m.group(3).trim().split(" +", 4);
            String[] want = expected.rows.get(i);
            String context = "seed " + seed + " " + sets + "x" + ways + "x" + line + ": " + answer[i + 1];
            assertEquals(Long.parseLong(want[0]), Long.decode(f[0]), "tag, " + context);
            assertEquals(want[1], f[1], "set, " + context);
            assertEquals(want[2], f[2], "offset, " + context);
            String rest = f[3];
            assertTrue(rest.startsWith(want[3]), "hit or miss, " + context + " expected " + want[3]);
            String victim = rest.substring(want[3].length()).trim();
            assertEquals(want[4], victim.startsWith("0x") ? Long.toString(Long.decode(victim)) : victim, "victim, " + context);
            hits += want[3].equals("hit") ? 1 : 0;
        }
        int n = addresses.size();
        assertEquals(String.format(Locale.ROOT, "hits %d, misses %d (%d compulsory, %d capacity, %d conflict), hit ratio "
                + "%d/%d = %.1f%%", hits, n - hits, expected.count("miss (compulsory)"), expected.count("miss (capacity)"),
                expected.count("miss (conflict)"), hits, n, 100.0 * hits / n), answer[n + 2]);
        for (int set = 0; set < sets; set++) {
            String[] cells = answer[n + 5 + set].trim().split(" +");
            assertEquals("set", cells[0]);
            assertEquals(set + ":", cells[1]);
            long[] held = Arrays.stream(cells, 2, cells.length).mapToLong(c -> c.equals("-") ? -1 : Long.decode(c)).toArray();
            assertEquals(Arrays.toString(expected.ways[set]), Arrays.toString(held), "seed " + seed + " set " + set);
        }
        assertEquals(n + 5 + sets, answer.length, "nothing after the sets");

        // What the exercise is for: hits, evictions, and misses that the sets' limit causes.
        assertTrue(hits >= 2, "seed " + seed + ": hits");
        assertTrue(expected.evictions >= 2, "seed " + seed + ": evictions");
        assertTrue(expected.count(sets == 1 ? "miss (capacity)" : "miss (conflict)") >= 1, "seed " + seed + ": "
                + (sets == 1 ? "capacity" : "conflict") + " misses");
    }

    /** Offset bits from 0, the set index above them, the tag above that, up to bit 15. */
    private static void assertBitFields(String question, int sets, int line) {
        int offsetBits = Integer.numberOfTrailingZeros(line);
        int indexBits = Integer.numberOfTrailingZeros(sets);
        List<String> fields = new ArrayList<>();
        for (String row : question.split("\n")) {
            Matcher m = FIELD.matcher(row);
            if (m.find()) {
                fields.add(m.group(1) + " " + m.group(2) + "-" + m.group(3));
            }
        }
        List<String> expected = new ArrayList<>(List.of("tag 15-" + (offsetBits + indexBits)));
        if (indexBits > 0) {
            expected.add("set index " + (offsetBits + indexBits - 1) + "-" + offsetBits);
        } else {
            assertTrue(question.contains("set index  none: one set"), question);
        }
        expected.add("offset " + (offsetBits - 1) + "-0");
        assertEquals(expected, fields);
    }

    /** The textbook's cache, worked as a student would, with a list per set. */
    private static final class Textbook {
        final List<String[]> rows = new ArrayList<>();
        final long[][] ways;
        int evictions;

        private Textbook(int sets, int ways) {
            this.ways = new long[sets][ways];
            for (long[] set : this.ways) {
                Arrays.fill(set, -1);
            }
        }

        /** Each row: tag, set, offset, "hit" or "miss (kind)", and the victim's tag, "-" for none or "" on a hit. */
        static Textbook solve(int sets, int ways, int line, List<Integer> addresses) {
            Textbook t = new Textbook(sets, ways);
            List<LinkedList<Long>> lru = new ArrayList<>();
            for (int s = 0; s < sets; s++) {
                lru.add(new LinkedList<>());
            }
            LinkedList<Long> fullyAssociative = new LinkedList<>();
            Set<Long> seen = new HashSet<>();
            for (int address : addresses) {
                long lineNumber = address / line;
                long tag = lineNumber / sets;
                int set = (int) (lineNumber % sets);
                boolean twinHit = fullyAssociative.remove(lineNumber);
                fullyAssociative.addLast(lineNumber);
                if (fullyAssociative.size() > sets * ways) {
                    fullyAssociative.removeFirst();
                }
                LinkedList<Long> order = lru.get(set);
                String outcome;
                String victim = "";
                if (order.remove(tag)) {
                    outcome = "hit";
                } else {
                    outcome = !seen.contains(lineNumber) ? "miss (compulsory)" : twinHit ? "miss (conflict)" : "miss (capacity)";
                    long replaced = order.size() == ways ? order.removeFirst() : -1;
                    victim = replaced < 0 ? "-" : Long.toString(replaced);
                    t.evictions += replaced < 0 ? 0 : 1;
                    int way = 0;
                    while (t.ways[set][way] != replaced) {
                        way++;
                    }
                    t.ways[set][way] = tag;
                }
                order.addLast(tag);
                seen.add(lineNumber);
                t.rows.add(new String[] {Long.toString(tag), Integer.toString(set), Integer.toString(address % line), outcome,
                        victim});
            }
            return t;
        }

        long count(String outcome) {
            return rows.stream().filter(r -> r[3].equals(outcome)).count();
        }
    }

    /**
     * A trace worked by hand: 4 sets of 2 ways, 16-byte lines, so offset bits 3-0, set bits 5-4, tag bits 15-6.
     * <pre>
     *  #  access addr    line tag set off  result        victim  set 0 ways / LRU order after (LRU first)
     *  1  read   0x0000   0   0   0   0   compulsory    -       [0 -] / 0
     *  2  read   0x0004   0   0   0   4   hit                   [0 -] / 0
     *  3  read   0x0040   4   1   0   0   compulsory    -       [0 1] / 0 1
     *  4  write  0x0010   1   0   1   0   compulsory    -       (set 1: [0 -])
     *  5  read   0x0080   8   2   0   0   compulsory    0       [2 1] / 1 2
     *  6  read   0x0008   0   0   0   8   conflict      1       [2 0] / 2 0   (lines 0 4 1 8 fit 8 lines: a
     *  7  write  0x0044   4   1   0   4   conflict      2       [1 0] / 0 1    fully associative cache hits)
     *  8  read   0x001c   1   0   1  12   hit                   (set 1: [0 -])
     *  9  read   0x00c0  12   3   0   0   compulsory    0       [1 3] / 1 3
     * 10  read   0x0050   5   1   1   0   compulsory    -       (set 1: [0 1])
     * 11  read   0x0048   4   1   0   8   hit                   [1 3] / 3 1
     * </pre>
     * 3 hits, 8 misses (6 compulsory, 2 conflict), 4 evictions; sets 2 and 3 never used.
     */
    @Example
    void aTraceWorkedByHand() {
        CacheLookup.Shape shape = new CacheLookup.Shape(4, 2, 16);
        int[][] accesses = {{0x0000, 0}, {0x0004, 0}, {0x0040, 0}, {0x0010, 1}, {0x0080, 0}, {0x0008, 0}, {0x0044, 1},
            {0x001c, 0}, {0x00c0, 0}, {0x0050, 0}, {0x0048, 0}};
        List<CacheLookup.Access> trace = new ArrayList<>();
        for (int[] a : accesses) {
            trace.add(new CacheLookup.Access(a[0], a[1] == 1));
        }
        CacheLookup.Solution solution = CacheLookup.solve(MachineAssembler.cpuCaches(), shape, trace);
        assertEquals("""
                     access address    tag  set  offset  hit/miss           victim
                  1. read   0x0000   0x000    0       0  miss (compulsory)  -
                  2. read   0x0004   0x000    0       4  hit
                  3. read   0x0040   0x001    0       0  miss (compulsory)  -
                  4. write  0x0010   0x000    1       0  miss (compulsory)  -
                  5. read   0x0080   0x002    0       0  miss (compulsory)  0x000
                  6. read   0x0008   0x000    0       8  miss (conflict)    0x001
                  7. write  0x0044   0x001    0       4  miss (conflict)    0x002
                  8. read   0x001c   0x000    1      12  hit
                  9. read   0x00c0   0x003    0       0  miss (compulsory)  0x000
                 10. read   0x0050   0x001    1       0  miss (compulsory)  -
                 11. read   0x0048   0x001    0       8  hit

                hits 3, misses 8 (6 compulsory, 0 capacity, 2 conflict), hit ratio 3/11 = 27.3%

                The sets at the end, way 0 first (- an empty way):
                  set  0:  0x001  0x003
                  set  1:  0x000  0x001
                  set  2:      -      -
                  set  3:      -      -
                """, CacheLookup.answer(shape, trace, solution));
        assertTrue(CacheLookup.teaches(shape, solution), "hits, evictions and conflict misses: a trace to set");
    }
}
