package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * examples/thrashing.mms and examples/page-cache.mms tell what the issue says they show: the rules are checked on
 * their output, not their numbers pasted.
 */
class ReclaimExamplesTest {
    /** A loop's pages a second with a CPU to itself and every page resident: a page costs at least its work. */
    private static final long FULL = 1_000_000_000L / Workload.WORK_NANOS;
    /**
     * And at most its work and five loads from DRAM (the walk's four levels and the word itself) of the default
     * CPU's 90 ns.
     */
    private static final long SLOWEST = 1_000_000_000L / (Workload.WORK_NANOS + 5 * 90);

    private static void assertFullSpeed(long rate, String what) {
        assertTrue(rate <= FULL && rate >= SLOWEST, what + ": " + rate + " pages/s, expected " + SLOWEST + " to " + FULL);
    }

    private static final Pattern AVERAGE = Pattern.compile("(?m)^Average: +(.*)$");
    private static final Pattern LOOP = Pattern.compile("(?m)^(\\S+) +(\\S+) +(\\d+) +([\\d.]+) +(\\d+) +(\\d+)$");

    private static String run(String name, Map<String, String> machine) throws IOException {
        Path example = Path.of("../examples/" + name);
        ScenarioResult result = new ScenarioRunner(PolicyRegistry.load(java.util.Optional.empty()), VerbTable.standard())
                .run(example.toString(), Files.readAllLines(example), OptionalLong.empty(), machine);
        assertFalse(result.panicked(), result.text());
        return result.text();
    }

    /** The columns of each sar Average line: pgpgin/s ... %vmeff. */
    private static List<double[]> averages(String text) {
        List<double[]> all = new ArrayList<>();
        Matcher m = AVERAGE.matcher(text);
        while (m.find()) {
            String[] words = m.group(1).trim().split(" +");
            double[] columns = new double[words.length];
            for (int i = 0; i < words.length; i++) {
                columns[i] = Double.parseDouble(words[i]);
            }
            all.add(columns);
        }
        return all;
    }

    /** Pages per second of each loop line, in the order printed. */
    private static List<Long> rates(String text) {
        List<Long> all = new ArrayList<>();
        Matcher m = LOOP.matcher(text);
        while (m.find()) {
            all.add(Long.parseLong(m.group(5)));
        }
        return all;
    }

    private static long counter(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + ":? +(\\d+)").matcher(text);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        assertTrue(last >= 0, name + " printed: " + text);
        return last;
    }

    private static List<Long> meminfo(String text, String name) {
        List<Long> all = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + ":\\s+(\\d+) kB$").matcher(text);
        while (m.find()) {
            all.add(Long.parseLong(m.group(1)));
        }
        return all;
    }

    @Test
    void fourLoopsThrashAndTwoDoNot() throws IOException {
        String text = run("thrashing.mms", Map.of());
        List<double[]> sar = averages(text);
        assertEquals(3, sar.size(), text);
        double[] thrashing = sar.get(0);
        double[] fitting = sar.get(1);
        // Columns: pgpgin/s pgpgout/s fault/s majflt/s pgfree/s pgscank/s pgscand/s pgsteal/s %vmeff.
        // Every major fault waits at least one request of the virtio disk, 100 µs + 4 KiB at 100 MiB/s = 139 µs, and
        // the faults wait in one queue: at most 1 / 139 µs = 7 194 a second. Thrashing at the disk's pace: 8 slots of
        // readahead a fault (412.5 µs) behind as many swapped out make hundreds a second, not thousands.
        assertTrue(thrashing[3] > 300 && thrashing[3] < 7194, "major faults climb to the disk's pace: " + thrashing[3] + "/s");
        assertTrue(thrashing[0] + thrashing[1] <= 102_400, "in and out within 100 MiB/s: " + thrashing[0] + " " + thrashing[1]);
        assertTrue(thrashing[0] > 0 && thrashing[1] > 0, "pages go to swap and come back");
        assertTrue(thrashing[8] < 90, "reclaim scans more than it frees: %vmeff " + thrashing[8]);
        assertEquals(thrashing[8], 100 * thrashing[7] / (thrashing[5] + thrashing[6]), 0.01, "%vmeff = pgsteal/pgscan");
        assertEquals(0, fitting[3], "no major faults once the two fit");
        assertEquals(0, fitting[5] + fitting[6], "and no reclaim");
        List<Long> rates = rates(text);
        assertEquals(4 + 2 + 2 + 2 + 2, rates.size(), text);
        for (int i = 0; i < 4; i++) {
            assertTrue(rates.get(i) * 10 < FULL, "a thrashing loop crawls: " + rates.get(i) + " pages/s");
        }
        assertFullSpeed(rates.get(6), "each of the two left has a CPU to itself");
        assertFullSpeed(rates.get(7), "each of the two left has a CPU to itself");
        assertTrue(counter(text, "pswpout") > 0 && counter(text, "workingset_refault_anon") > 0, text);
        Matcher psi = Pattern.compile("(?m)^some avg10=([\\d.]+)").matcher(text);
        assertTrue(psi.find() && Double.parseDouble(psi.group(1)) > 10, "memory pressure stalls the tasks: " + text);
        assertEquals(0, sar.get(2)[3], "a big and a small program fit together under global replacement");
        assertFullSpeed(rates.get(10), "the big one, with a CPU of its own");
        assertFullSpeed(rates.get(11), "the small one, with a CPU of its own");
    }

    @Test
    void localReplacementKeepsTheBigProgramToItsShareAndLeavesTheSmallOneAlone() throws IOException {
        String text = run("thrashing.mms", Map.of("replacement", "local"));
        List<double[]> sar = averages(text);
        assertEquals(3, sar.size(), text);
        assertTrue(sar.get(0)[3] > 300, "four equal programs thrash either way");
        double[] bigAndSmall = sar.get(2);
        // Still on its first pass: each new page costs one of its own, swapped out alone (local replacement trims a
        // page at a time), a request of 100 µs + 4 KiB at 100 MiB/s: at most 1 / 139 µs = 7 194 pages a second.
        assertTrue(bigAndSmall[1] > 0 && bigAndSmall[1] / 4 <= 7194, "the big one's pages go to swap: " + bigAndSmall[1]);
        assertEquals(0, bigAndSmall[5], "its own reclaim, not kswapd's, frees its pages");
        assertTrue(bigAndSmall[6] > 0);
        List<Long> rates = rates(text);
        assertTrue(rates.get(10) * 5 < FULL, "the big one crawls: " + rates.get(10));
        // While the big one sleeps on the disk, the small one may take its CPU: at full speed still.
        assertFullSpeed(rates.get(11), "the small one runs at full speed");
        List<Long> rss = meminfo(text, "VmRSS");
        long share = 1L << 19;
        assertTrue(rss.get(rss.size() - 2) < share, "the big one holds less than half of the 1 GiB: " + rss);
    }

    @Test
    void theCacheShrinksBeforeAnonGoesToSwapAndRefaultsAreSeen() throws IOException {
        String text = run("page-cache.mms", Map.of());
        List<Long> cached = meminfo(text, "Cached");
        List<Long> swapFree = meminfo(text, "SwapFree");
        assertEquals(3, cached.size(), text);
        assertTrue(cached.get(0) >= 512 * 1024, "the whole file is cached: " + cached);
        assertTrue(cached.get(1) < cached.get(0) * 3 / 4, "the cache made room: " + cached);
        assertEquals(swapFree.get(0), swapFree.get(1), "with file pages to drop, nothing went to swap");
        assertEquals(0, counter(text, "pswpout"));
        assertTrue(counter(text, "pgsteal_file") > 0);
        Matcher reread = Pattern.compile("(\\d+) from disk; \\d+ kB read in").matcher(text);
        long fromDisk = -1;
        while (reread.find()) {
            fromDisk = Long.parseLong(reread.group(1));
        }
        assertTrue(fromDisk > 0, text);
        assertEquals(fromDisk, counter(text, "workingset_refault_file"), "every page read back had a shadow");
        long activated = counter(text, "workingset_activate_file");
        assertTrue(activated > 0 && activated <= fromDisk, text);
        assertEquals(activated, counter(text, "workingset_restore_file"),
                "the file was active before its eviction: every activation is a restore");
        Matcher uptime = Pattern.compile("(?m)^(\\d+\\.\\d\\d) \\d+\\.\\d\\d$").matcher(text);
        // 512 requests of 256 pages on the virtio disk, each 100 µs + 1 MiB at 100 MiB/s (10 ms): 5.1712 s, after the
        // reader's own start, whose faults read its image's pages from the same disk (a few tens of ms).
        assertTrue(uptime.find(), text);
        double first = Double.parseDouble(uptime.group(1));
        assertTrue(first >= 5.17 && first < 5.22, "the first read waited for 512 MiB: " + text);
        assertTrue(uptime.find() && Double.parseDouble(uptime.group(1)) == first, "the second for nothing: " + text);
    }
}
