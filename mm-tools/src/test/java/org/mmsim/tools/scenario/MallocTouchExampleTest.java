package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.api.stat.VmItem;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * examples/malloc-touch.mms, the malloc demonstration, against the rules it shows rather than its printed numbers:
 * glibc serves 400 MiB with a mapping of its own (the request, its 16-byte chunk header, rounded up to pages), which
 * grows the virtual size and not the resident set; writing every int then faults each page in exactly once, and the
 * resident set grows by those pages alone (page tables are not RSS).
 */
class MallocTouchExampleTest {
    private static final Path EXAMPLE = Path.of("../examples/malloc-touch.mms");
    private static final long PAGE = 4096;
    private static final long REQUEST = 400L << 20;
    /** glibc's header before the user's bytes of an mmapped chunk: prev_size and size, 8 bytes each. */
    private static final long HEADER = 16;
    private static final long MAPPING = (REQUEST + HEADER + PAGE - 1) / PAGE * PAGE;
    /** The pages the user's bytes span: the mapping's, as the header sits in its first page. */
    private static final long TOUCHED_PAGES = MAPPING / PAGE;
    private static final Pattern REPORT = Pattern.compile("(.+): max RSS = (\\d+) kB; vm size = (\\d+) kB");

    private static List<String> script;
    private static ScenarioResult result;

    private static ScenarioResult run(List<String> lines) {
        return new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard())
                .run(EXAMPLE.toString(), lines, OptionalLong.empty());
    }

    @BeforeAll
    static void runTheExample() throws IOException {
        script = Files.readAllLines(EXAMPLE);
        result = run(script);
    }

    /** The scenario's reports: label, max RSS and vm size in kB. */
    private static long[][] reports(List<String> labels) {
        List<String> printed = result.text().lines().toList();
        assertEquals(labels.size(), printed.size(), result.text());
        long[][] figures = new long[printed.size()][];
        for (int i = 0; i < printed.size(); i++) {
            Matcher m = REPORT.matcher(printed.get(i));
            assertTrue(m.matches(), "LABEL: max RSS = N kB; vm size = N kB, exactly: " + printed.get(i));
            assertEquals(labels.get(i), m.group(1));
            figures[i] = new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
        }
        return figures;
    }

    @Test
    void mallocGrowsTheVirtualSizeByGlibcsMappingAndTouchingMakesItResident() {
        long[][] r = reports(List.of("started", "after malloc", "after touch"));
        assertEquals(409604, MAPPING >> 10, "400 MiB and a 16-byte header, in whole pages");
        assertEquals(MAPPING >> 10, r[1][1] - r[0][1], "malloc maps the chunk: vm size grows by its pages");
        assertEquals(r[0][0], r[1][0], "malloc touches nothing: max RSS unchanged");
        long grown = r[2][0] - r[1][0];
        assertTrue(grown >= REQUEST >> 10, "every page of the 400 MiB resident: " + grown + " kB");
        assertTrue(grown <= MAPPING >> 10, "no more than the mapping: page tables are not RSS: " + grown + " kB");
        assertEquals(r[1][1], r[2][1], "touching maps nothing new: vm size unchanged");
    }

    @Test
    void touchingFaultsEachPageInOnce() {
        int touchLine = script.indexOf(script.stream().filter(l -> l.startsWith("prog touch ")).findFirst().orElseThrow());
        ScenarioResult beforeTouch = run(script.subList(0, touchLine));
        TaskInfo before = task(beforeTouch);
        TaskInfo after = task(result);
        assertEquals(TOUCHED_PAGES, after.minFlt() - before.minFlt(), "one minor fault a page");
        assertEquals(0, after.majFlt() - before.majFlt(), "anonymous memory: no I/O");
        assertEquals(TOUCHED_PAGES, result.machine().vmstat().get(VmItem.PGFAULT)
                - beforeTouch.machine().vmstat().get(VmItem.PGFAULT), "pgfault counts the same faults");
        assertEquals(TOUCHED_PAGES, after.counters().rssAnon() - before.counters().rssAnon(), "each now an anonymous page");
        assertTrue(after.counters().pgtablesBytes() > before.counters().pgtablesBytes(), "page tables to map them");
    }

    private static TaskInfo task(ScenarioResult run) {
        return run.machine().processes().task(run.machine().processes().pidOf("prog").orElseThrow());
    }
}
