package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** vmalloc as a scenario shows it: /proc/vmallocinfo, the meminfo lines, kernel stacks, and bad input. */
class VmallocVerbsTest {
    private static final Path SAMPLE = Path.of("../../shared/design/linux-6.18-samples/proc-vmallocinfo.txt");
    private final ScenarioHarness scenarios = new ScenarioHarness("v.mms");

    @Test
    void everyForkTakesA16KibStackWithAGuardPageInVmallocSpace() {
        ScenarioResult result = scenarios.run("spawn a", "a fork b", "cat /proc/vmallocinfo", "cat /proc/meminfo");
        List<String> stacks = result.text().lines().filter(l -> l.contains(" kernel_clone+")).toList();
        // init, the 36 kernel threads of a 2-CPU machine, a and b: 39 stacks, one after the other above the boot's
        // areas.
        assertEquals(39, stacks.size(), result.text());
        for (String stack : stacks) {
            assertTrue(stack.matches("0x[0-9a-f]{16}-0x[0-9a-f]{16}   20480 kernel_clone\\+0x94/0x3e0 pages=4 vmalloc N0=4"),
                    stack);
        }
        assertTrue(result.text().contains("KernelStack:         624 kB\n"), result.text());
        // VmallocUsed: the stacks and the pages of the boot's areas.
        long bootPages = result.text().lines().filter(l -> l.startsWith("0xffffc9") && !l.contains(" kernel_clone+"))
                .mapToLong(l -> Long.parseLong(l.replaceAll(".* pages=(\\d+) .*", "$1"))).sum();
        assertTrue(bootPages > 0, result.text());
        assertTrue(result.text().contains(String.format("VmallocTotal:   34359738367 kB%nVmallocUsed:    %8d kB%n",
                624 + 4 * bootPages)), result.text());
    }

    @Test
    void vmallocinfoLinesHaveTheRealLayout() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SAMPLE), "the 6.18 samples are absent: skipped");
        String line = scenarios.run("vmalloc v 100K", "cat /proc/vmallocinfo").text().lines()
                .filter(l -> l.contains("scenario_vmalloc")).findFirst().orElseThrow();
        String shape = "0x[0-9a-f]{16}-0x[0-9a-f]{16} [ 0-9]{7} \\S+\\+0x[0-9a-f]+/0x[0-9a-f]+( \\[\\w+\\])? pages=\\d+ vmalloc N0=\\d+";
        assertTrue(line.matches(shape), line);
        for (String real : Files.readAllLines(SAMPLE)) {
            if (real.contains(" vmalloc ")) {
                assertTrue(real.matches(shape), "the shape fits the real machine too: " + real);
            }
        }
        assertTrue(line.contains("  106496 scenario_vmalloc+0x0/0x0 [scenario] pages=25 vmalloc N0=25"), line);
    }

    /**
     * {@code vmalloc(1T)} on a 4 GiB machine: {@code __vmalloc_node_range()} refuses a size over totalram_pages before
     * it reserves a range or allocates a page, with {@code warn_alloc()}'s line, so no process is killed for it.
     */
    @Test
    void moreThanTheMachineHasFailsAtOnceWithTheKernelsWarningAndKillsNobody() {
        ScenarioResult result = scenarios.run("machine ram=4G swap=0", "spawn app", "app malloc buf 64M",
                "app touch buf write", "vmalloc v 1T", "cat /proc/meminfo");
        String text = result.text();
        assertTrue(text.contains("v: NULL\n"), text);
        assertTrue(text.matches("(?s).*\\[ *\\d+\\.\\d{6}\\] app: vmalloc error: size 1099511627776, exceeds total pages, "
                + "mode:0xcc0\\(GFP_KERNEL\\), nodemask=\\(null\\),cpuset=/,mems_allowed=0\n.*"), text);
        assertTrue(!text.contains("Out of memory") && !text.contains("Killed process"), text);
        assertTrue(text.matches("(?s).*\nVmallocUsed: +\\d+ kB\n.*"), text);
    }

    @Test
    void vfreeGivesThePagesBackAndBadInputIsOneLine() {
        ScenarioResult result = scenarios.run("cat /proc/meminfo", "vmalloc v 1M", "cat /proc/meminfo", "vfree v",
                "cat /proc/meminfo");
        List<Long> used = result.text().lines().filter(l -> l.startsWith("VmallocUsed:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).toList();
        assertEquals(List.of(used.get(0), used.get(0) + 1024, used.get(0)), used, "over the boot's areas");
        assertEquals("v.mms:1: no vmalloc area named 'v'; expected a VAR from vmalloc",
                assertThrows(ScenarioException.class, () -> scenarios.run("vfree v")).getMessage());
        assertEquals("v.mms:1: size 0; expected 1 or more bytes",
                assertThrows(ScenarioException.class, () -> scenarios.run("vmalloc v 0")).getMessage());
    }
}
