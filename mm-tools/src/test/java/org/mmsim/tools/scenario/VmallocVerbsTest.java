package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** vmalloc as a scenario shows it: /proc/vmallocinfo, the meminfo lines, kernel stacks, and bad input. */
class VmallocVerbsTest {
    private static final Path SAMPLE = Path.of("../../shared/design/linux-6.18-samples/proc-vmallocinfo.txt");
    private final ScenarioHarness scenarios = new ScenarioHarness("v.mms");

    @Test
    void everyForkTakesA16KibStackWithAGuardPageInVmallocSpace() {
        ScenarioResult result = scenarios.run("spawn a", "a fork b", "cat /proc/vmallocinfo", "cat /proc/meminfo");
        String[] areas = result.text().split("\n");
        // init, the 36 kernel threads of a 2-CPU machine, a and b: 39 stacks, one after the other from VMALLOC_START.
        assertEquals("0xffffc90000000000-0xffffc90000005000   20480 kernel_clone+0x94/0x3e0 pages=4 vmalloc N0=4", areas[0]);
        assertEquals("0xffffc900000be000-0xffffc900000c3000   20480 kernel_clone+0x94/0x3e0 pages=4 vmalloc N0=4", areas[38]);
        assertTrue(result.text().contains("KernelStack:         624 kB\n"), result.text());
        assertTrue(result.text().contains("VmallocTotal:   34359738367 kB\nVmallocUsed:         624 kB\nVmallocChunk:          0 kB\n"),
                result.text());
    }

    @Test
    void vmallocinfoLinesHaveTheRealLayout() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SAMPLE), "the 6.18 samples are absent: skipped");
        String line = scenarios.run("vmalloc v 100K", "cat /proc/vmallocinfo").text().split("\n")[1];
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
        assertTrue(text.contains("VmallocUsed:         "), text);
    }

    @Test
    void vfreeGivesThePagesBackAndBadInputIsOneLine() {
        ScenarioResult result = scenarios.run("vmalloc v 1M", "cat /proc/meminfo", "vfree v", "cat /proc/meminfo");
        assertTrue(result.text().contains("VmallocUsed:        1024 kB"), result.text());
        assertTrue(result.text().substring(result.text().indexOf("VmallocUsed:        1024 kB"))
                .contains("VmallocUsed:           0 kB\nVmallocChunk:          0 kB\n"), result.text());
        assertEquals("v.mms:1: no vmalloc area named 'v'; expected a VAR from vmalloc",
                assertThrows(ScenarioException.class, () -> scenarios.run("vfree v")).getMessage());
        assertEquals("v.mms:1: size 0; expected 1 or more bytes",
                assertThrows(ScenarioException.class, () -> scenarios.run("vmalloc v 0")).getMessage());
    }
}
