package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.mmsim.tools.proc.ProcessFiles;

/**
 * /proc/PID/smaps_rollup against /proc/PID/smaps over random scenarios of mmap (anonymous or a shared file), malloc,
 * touch, mlock, munmap, fork and exit: each field the two share is the sum of the VMAs' figures, as
 * {@code show_smaps_rollup()} sums them into one {@code struct mem_size_stats}. The proportional figures (Pss,
 * Pss_Dirty, Locked) keep their fractions until the end there, so the rollup's is at least the sum of the VMAs' cut
 * figures and less than that plus one kB a VMA (on Linux 6.18 here, a sleep's 37 VMAs: 182 kB summed, 187 kB rolled
 * up); Pss_Anon, Pss_File and Pss_Shmem split Pss, each cut on its own.
 */
class SmapsRollupPropertiesTest {
    private static final List<String> EXACT = List.of("Rss", "Shared_Clean", "Shared_Dirty", "Private_Clean",
            "Private_Dirty", "Referenced", "Anonymous", "KSM", "LazyFree", "AnonHugePages", "ShmemPmdMapped",
            "FilePmdMapped", "Shared_Hugetlb", "Private_Hugetlb", "Swap", "SwapPss");
    private static final List<String> PROPORTIONAL = List.of("Pss", "Pss_Dirty", "Locked");

    private final ScenarioHarness scenarios = new ScenarioHarness("rollup.mms");

    /** Turns random numbers into scenario lines that name only live processes and the VARs each has mapped. */
    static final class Script {
        final List<String> lines = new ArrayList<>(List.of("machine ram=256M thp=always", "spawn p0"));
        final Map<String, Set<String>> mapped = new LinkedHashMap<>(Map.of("p0", new LinkedHashSet<>()));
        /** The read-only file mappings (a write would be SIGSEGV) and the malloc'd blocks (munmap refuses them). */
        final Set<String> files = new LinkedHashSet<>();
        final Set<String> malloced = new LinkedHashSet<>();
        int names = 1;
        int vars;

        Script(List<int[]> steps) {
            steps.forEach(this::step);
        }

        private static <T> T pick(List<T> list, int index) {
            return list.get(index % list.size());
        }

        private void step(int[] s) {
            if (mapped.isEmpty()) {
                return;
            }
            String p = pick(new ArrayList<>(mapped.keySet()), s[1]);
            List<String> own = new ArrayList<>(mapped.get(p));
            switch (s[0]) {
                case 0 -> {
                    String v = "v" + vars++;
                    lines.add(p + " mmap " + v + " " + (1 + s[2] % 600) + "K");
                    mapped.get(p).add(v);
                }
                case 1 -> {
                    String v = "v" + vars++;
                    lines.add(p + " mmap " + v + " " + (4 + s[2] % 24) + "K file=/usr/lib/x86_64-linux-gnu/libc.so.6 "
                            + "shared prot=r");
                    lines.add(p + " touch " + v + " read");
                    mapped.get(p).add(v);
                    files.add(v);
                }
                case 2 -> {
                    String v = "v" + vars++;
                    lines.add(p + " malloc " + v + " " + (1 + s[2] % 3000) + "K");
                    mapped.get(p).add(v);
                    malloced.add(v);
                }
                case 3, 4 -> {
                    if (!own.isEmpty()) {
                        String v = pick(own, s[2]);
                        lines.add(p + " touch " + v + (s[0] == 3 && !files.contains(v) ? " write" : " read"));
                    }
                }
                case 5 -> {
                    if (mapped.size() < 4) {
                        String child = "p" + names++;
                        lines.add(p + " fork " + child);
                        mapped.put(child, new LinkedHashSet<>(mapped.get(p)));
                    }
                }
                case 6 -> {
                    if (!own.isEmpty()) {
                        lines.add(p + " mlock " + pick(own, s[2]));
                    }
                }
                case 7 -> {
                    String v = own.isEmpty() ? null : pick(own, s[2]);
                    if (v != null && !malloced.contains(v)) {
                        lines.add(p + " munmap " + v);
                        mapped.get(p).remove(v);
                    }
                }
                default -> {
                    if (mapped.size() > 1) {
                        lines.add(p + " exit");
                        mapped.remove(p);
                    }
                }
            }
        }
    }

    @Provide
    Arbitrary<List<int[]>> steps() {
        Arbitrary<int[]> step = Arbitraries.integers().between(0, 8).flatMap(verb -> Arbitraries.integers()
                .between(0, 1 << 16).list().ofSize(2).map(r -> new int[] {verb, r.get(0), r.get(1)}));
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 30)
    void theRollupIsTheSumOfTheVmas(@ForAll("steps") List<int[]> steps) {
        Script script = new Script(steps);
        ScenarioResult result = scenarios.run(script.lines);
        for (String name : script.mapped.keySet()) {
            int pid = result.machine().processes().pidOf(name).orElseThrow(() -> new AssertionError(name + " is gone: "
                    + script.lines));
            check(ProcessFiles.smaps(result.machine(), pid), ProcessFiles.smapsRollup(result.machine(), pid),
                    script.lines);
        }
    }

    /** A fork of a fork: three processes map each page, so every VMA's Pss has a third of a page's fraction cut. */
    @Test
    void theFractionsOfSharedPagesAreSummedBeforeTheyAreCut() {
        ScenarioResult result = scenarios.run("machine ram=256M", "spawn a", "a mmap w 4K", "a mmap x 4K prot=rwx",
                "a mmap y 4K", "a mmap z 4K prot=rwx", "a touch w write", "a touch x write", "a touch y write",
                "a touch z write", "a fork b", "a fork c");
        int pid = result.machine().processes().pidOf("a").orElseThrow();
        String smaps = ProcessFiles.smaps(result.machine(), pid);
        String rollup = ProcessFiles.smapsRollup(result.machine(), pid);
        check(smaps, rollup, List.of());
        assertTrue(field(rollup, "Pss") > sum(smaps, "Pss"), "each VMA's third of a page is cut in smaps:\n" + rollup);
    }

    private static void check(String smaps, String rollup, List<String> lines) {
        int vmas = (int) smaps.lines().filter(l -> l.startsWith("Size:")).count();
        for (String field : EXACT) {
            assertEquals(sum(smaps, field), field(rollup, field), field + " of " + lines);
        }
        for (String field : PROPORTIONAL) {
            long summed = sum(smaps, field);
            long rolled = field(rollup, field);
            assertTrue(summed <= rolled && rolled < summed + vmas, field + ": " + summed + " summed, " + rolled
                    + " rolled up over " + vmas + " VMAs of " + lines);
        }
        long split = field(rollup, "Pss_Anon") + field(rollup, "Pss_File") + field(rollup, "Pss_Shmem");
        long pss = field(rollup, "Pss");
        assertTrue(split <= pss && pss <= split + 2, "Pss_Anon + Pss_File + Pss_Shmem cut from Pss: " + rollup);
        assertTrue(field(rollup, "Pss_Anon") <= field(rollup, "Anonymous"), rollup);
        assertTrue(pss <= field(rollup, "Rss"), rollup);
    }

    private static long sum(String smaps, String field) {
        return smaps.lines().filter(l -> l.startsWith(field + ":"))
                .mapToLong(l -> Long.parseLong(l.substring(field.length() + 1).replace("kB", "").trim())).sum();
    }

    private static long field(String rollup, String field) {
        List<String> lines = rollup.lines().filter(l -> l.startsWith(field + ":")).toList();
        assertEquals(1, lines.size(), field + " once in\n" + rollup);
        return Long.parseLong(lines.get(0).substring(field.length() + 1).replace("kB", "").trim());
    }
}
