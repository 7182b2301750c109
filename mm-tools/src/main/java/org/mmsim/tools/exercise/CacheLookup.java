package org.mmsim.tools.exercise;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.api.physical.CacheHierarchySpec;
import org.mmsim.api.physical.CacheReplacement;
import org.mmsim.api.physical.CacheSpec;
import org.mmsim.api.physical.CpuCaches;

/**
 * A CPU cache worked by hand: a small cache (direct-mapped, set-associative or fully associative; LRU, write-back,
 * write-allocate) and a trace of reads and writes at 16-bit addresses. For each access: the tag, set index and offset
 * the address splits into by bit selection, hit or miss with the miss's kind (compulsory, capacity or conflict: the
 * three Cs), and the tag of the line a miss evicts; then the totals and what each set holds. The answers are the
 * physical layer's cache model's ({@link CpuCaches}): the exercise's cache is a hierarchy's L1d, and a fully
 * associative twin of as many lines tells a capacity miss from a conflict miss.
 */
final class CacheLookup {
    /** How wide an address is: small enough to split by hand. */
    static final int ADDRESS_BITS = 16;
    private static final String BLANK = "_";
    private static final int MAX_DRAWS = 1000;

    /** What an access did, as the answer names it. */
    enum Outcome {
        HIT("hit"),
        /** The line's first use. */
        COMPULSORY("miss (compulsory)"),
        /** A fully associative LRU cache of as many lines misses too. */
        CAPACITY("miss (capacity)"),
        /** Only the set's limited ways made it miss. */
        CONFLICT("miss (conflict)");

        final String text;

        Outcome(String text) {
            this.text = text;
        }
    }

    /** The cache: {@code sets} sets of {@code ways} lines of {@code lineSize} bytes (sets and line size powers of two). */
    record Shape(int sets, int ways, int lineSize) {
        int offsetBits() {
            return Integer.numberOfTrailingZeros(lineSize);
        }

        int indexBits() {
            return Integer.numberOfTrailingZeros(sets);
        }

        int tagBits() {
            return ADDRESS_BITS - indexBits() - offsetBits();
        }

        CacheGeometry geometry() {
            return new CacheGeometry((long) sets * ways * lineSize, ways, lineSize);
        }

        /** One set holding as many lines: what a miss would do without the sets' limit. */
        CacheGeometry fullyAssociative() {
            return new CacheGeometry((long) sets * ways * lineSize, sets * ways, lineSize);
        }

        String describe() {
            String kind = ways == 1 ? "direct-mapped" : sets == 1 ? "fully associative" : ways + "-way set-associative";
            return String.format(Locale.ROOT, "A %s data cache of %d set%s of %d line%s, %d-byte lines: %d bytes.", kind,
                    sets, sets == 1 ? "" : "s", ways, ways == 1 ? "" : "s", lineSize, sets * ways * lineSize);
        }
    }

    /** One access of the trace. */
    record Access(int address, boolean write) {
    }

    /** One filled-in row: {@code victimTag} is -1 when the access evicted nothing. */
    record Row(long tag, int set, int offset, Outcome outcome, long victimTag) {
    }

    /** The filled-in table and each set's tags at the end, way by way (-1 an empty way). */
    record Solution(List<Row> rows, long[][] contents) {
        long count(Outcome outcome) {
            return rows.stream().filter(r -> r.outcome() == outcome).count();
        }

        long evictions() {
            return rows.stream().filter(r -> r.victimTag() >= 0).count();
        }
    }

    private CacheLookup() {
    }

    static Exercise generate(long seed, CpuCaches caches) {
        SplittableRandom random = new SplittableRandom(seed);
        Shape shape = shape(random);
        // Traces are drawn until one has what the exercise is for; most draws do, so this ends after a few. The bound
        // keeps a model gone wrong (one that never evicted, say) from hanging the command; the tests would see it.
        for (int draw = 1; ; draw++) {
            List<Access> trace = trace(random, shape);
            Solution solution = solve(caches, shape, trace);
            if (teaches(shape, solution) || draw == MAX_DRAWS) {
                return new Exercise("cache", seed, question(shape, trace), answer(shape, trace, solution));
            }
        }
    }

    /** Direct-mapped a quarter of the time, fully associative a quarter, else 2- or 4-way; 16- to 64-byte lines. */
    private static Shape shape(SplittableRandom random) {
        int lineSize = 16 << random.nextInt(3);
        switch (random.nextInt(4)) {
            case 0:
                return new Shape(4 << random.nextInt(3), 1, lineSize);
            case 1:
                return new Shape(1, 4, lineSize);
            default:
                return new Shape(4 << random.nextInt(3), 2 << random.nextInt(2), lineSize);
        }
    }

    /**
     * 10 to 16 accesses with locality: lines that share one set, one more than its ways, taken in turn (conflict, or
     * in a fully associative cache capacity, misses); the lines just used, again (temporal locality); an array walked
     * element by element (spatial locality); now and then a line anywhere. A quarter of the accesses write.
     */
    private static List<Access> trace(SplittableRandom random, Shape shape) {
        int lines = 1 << (ADDRESS_BITS - shape.offsetBits());
        int hot = random.nextInt(shape.sets());
        List<Integer> rivals = new ArrayList<>();
        while (rivals.size() <= shape.ways()) {
            int line = random.nextInt(1 << shape.tagBits()) << shape.indexBits() | hot;
            if (!rivals.contains(line)) {
                rivals.add(line);
            }
        }
        int element = 4 << random.nextInt(2);
        // Room after the walk's start for 16 elements of 8 bytes, 8 lines of 16.
        int walk = random.nextInt(lines - 8) * shape.lineSize();
        int nextRival = 0;
        List<Access> trace = new ArrayList<>();
        int length = 10 + random.nextInt(7);
        while (trace.size() < length) {
            int choice = random.nextInt(10);
            int offset = random.nextInt(shape.lineSize() / 4) * 4;
            int address;
            if (choice < 4) {
                address = rivals.get(nextRival++ % rivals.size()) << shape.offsetBits() | offset;
            } else if (choice < 6 && !trace.isEmpty()) {
                int recent = trace.get(Math.max(0, trace.size() - 1 - random.nextInt(3))).address();
                address = recent & -shape.lineSize() | offset;
            } else if (choice < 9) {
                address = walk;
                walk += element;
            } else {
                address = random.nextInt(lines) << shape.offsetBits() | offset;
            }
            trace.add(new Access(address, random.nextInt(4) == 0));
        }
        return trace;
    }

    /** Whether a trace shows what the exercise is for: hits, evictions, and misses the sets' limit causes. */
    static boolean teaches(Shape shape, Solution solution) {
        Outcome limited = shape.sets() == 1 ? Outcome.CAPACITY : Outcome.CONFLICT;
        return solution.count(Outcome.HIT) >= 2 && solution.evictions() >= 2 && solution.count(limited) >= 1;
    }

    /** Runs the trace through the model's cache and its fully associative twin. */
    static Solution solve(CpuCaches caches, Shape shape, List<Access> trace) {
        CacheHierarchy cache = caches.hierarchy(hierarchy(shape.geometry()));
        CacheHierarchy twin = caches.hierarchy(hierarchy(shape.fullyAssociative()));
        Set<Long> seen = new HashSet<>();
        List<Row> rows = new ArrayList<>();
        for (Access a : trace) {
            int kind = a.write() ? CacheHierarchy.STORE : CacheHierarchy.LOAD;
            boolean hit = cache.access(kind, a.address(), 1) == 1;
            boolean twinHit = twin.access(kind, a.address(), 1) == 1;
            long line = a.address() >>> shape.offsetBits();
            Outcome outcome = hit ? Outcome.HIT : !seen.contains(line) ? Outcome.COMPULSORY
                    : twinHit ? Outcome.CONFLICT : Outcome.CAPACITY;
            seen.add(line);
            long victim = cache.victim(1);
            rows.add(new Row(line >>> shape.indexBits(), (int) line & (shape.sets() - 1), a.address() & (shape.lineSize() - 1),
                    outcome, victim == CacheHierarchy.NO_LINE ? -1 : victim >>> shape.indexBits()));
        }
        long[][] contents = new long[shape.sets()][shape.ways()];
        for (int set = 0; set < shape.sets(); set++) {
            for (int way = 0; way < shape.ways(); way++) {
                long line = cache.line(1, set, way);
                contents[set][way] = line == CacheHierarchy.NO_LINE ? -1 : line >>> shape.indexBits();
            }
        }
        return new Solution(rows, contents);
    }

    /** The exercise's cache as the L1d of a hierarchy whose other levels it never reaches into. */
    private static CacheHierarchySpec hierarchy(CacheGeometry geometry) {
        // A non-inclusive outer level never back-invalidates, so the L1d is the cache alone.
        return new CacheHierarchySpec(new CacheSpec("L1i", geometry, CacheReplacement.LRU),
                new CacheSpec("L1d", geometry, CacheReplacement.LRU), Optional.empty(),
                new CacheSpec("L2", geometry, CacheReplacement.LRU), false, false);
    }

    private static String question(Shape shape, List<Access> trace) {
        StringBuilder q = new StringBuilder(shape.describe()).append(String.format(Locale.ROOT, "%nLRU replacement; "
                + "write-back and write-allocate, so a write looks lines up and fills them as a read does.%n%d-bit "
                + "addresses; the cache starts empty. A miss fills the lowest-numbered empty way of its set, else the%n"
                + "way of the set's least recently used line.%n%nAn address splits into%n", ADDRESS_BITS));
        q.append(field("tag", ADDRESS_BITS - 1, shape.tagBits()));
        q.append(shape.indexBits() == 0 ? String.format("  %-9s  none: one set%n", "set index")
                : field("set index", shape.indexBits() + shape.offsetBits() - 1, shape.indexBits()));
        q.append(field("offset", shape.offsetBits() - 1, shape.offsetBits()));
        q.append(String.format("%nFill in each access's tag, set and offset (tags in hex), hit or miss with the miss's kind "
                + "(compulsory: the%nline's first use; capacity: a fully associative LRU cache of as many lines would miss "
                + "too; conflict:%nthe others), and the tag of the line a miss evicts. Then the hits, the misses and the "
                + "hit ratio, and%nwhat each set holds at the end.%n%n"));
        q.append(header());
        for (int i = 0; i < trace.size(); i++) {
            q.append(row(i, trace.get(i), BLANK.repeat(5), BLANK.repeat(3), BLANK.repeat(3), BLANK.repeat(17), BLANK.repeat(5)));
        }
        return q.toString();
    }

    private static String field(String name, int high, int bits) {
        return String.format(Locale.ROOT, "  %-9s  bits %d-%d (%d bit%s)%n", name, high, high - bits + 1, bits,
                bits == 1 ? "" : "s");
    }

    static String answer(Shape shape, List<Access> trace, Solution solution) {
        StringBuilder a = new StringBuilder(header());
        for (int i = 0; i < trace.size(); i++) {
            Row r = solution.rows().get(i);
            String victim = r.outcome() == Outcome.HIT ? "" : r.victimTag() < 0 ? "-" : tag(shape, r.victimTag());
            a.append(row(i, trace.get(i), tag(shape, r.tag()), Integer.toString(r.set()), Integer.toString(r.offset()),
                    r.outcome().text, victim));
        }
        long hits = solution.count(Outcome.HIT);
        a.append(String.format(Locale.ROOT, "%nhits %d, misses %d (%d compulsory, %d capacity, %d conflict), hit ratio "
                + "%d/%d = %.1f%%%n%nThe sets at the end, way 0 first (- an empty way):%n", hits, trace.size() - hits,
                solution.count(Outcome.COMPULSORY), solution.count(Outcome.CAPACITY), solution.count(Outcome.CONFLICT),
                hits, trace.size(), 100.0 * hits / trace.size()));
        for (int set = 0; set < shape.sets(); set++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  set %2d:", set));
            for (long t : solution.contents()[set]) {
                line.append(String.format(" %6s", t < 0 ? "-" : tag(shape, t)));
            }
            a.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return a.toString();
    }

    /** A tag in hex, as many digits as its bits need. */
    private static String tag(Shape shape, long tag) {
        return String.format(Locale.ROOT, "0x%0" + (shape.tagBits() + 3) / 4 + "x", tag);
    }

    private static String header() {
        return String.format("%-4s %-6s %-7s %6s %4s %7s  %-17s  %s%n", "", "access", "address", "tag", "set", "offset",
                "hit/miss", "victim");
    }

    private static String row(int i, Access a, String tag, String set, String offset, String outcome, String victim) {
        return String.format(Locale.ROOT, "%3d. %-6s 0x%04x  %6s %4s %7s  %-17s  %s", i + 1, a.write() ? "write" : "read",
                a.address(), tag, set, offset, outcome, victim).stripTrailing() + System.lineSeparator();
    }
}
