package org.mmsim.tools.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmsim.trace.plugin.PolicyRegistry;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.VerbTable;

/**
 * The /proc files against the real Linux 6.18 machine of linux-6.18-samples (x86-64, 24 GiB, 2 CPUs): with every
 * number masked, each line of mmsim's file must be the sample's line, character for character. The numbers
 * themselves are tested where they follow from the machine (WatermarksTest, MemoryLayoutTest).
 */
class ProcLayoutTest {
    private static Path sample(String name) {
        return LinuxSamples.path(name);
    }

    /** Every number becomes {@code #}: for files whose numbers are printed without a width (%lu). */
    private static String masked(String text) {
        return text.replaceAll("\\d+", "#");
    }

    /**
     * Every right-aligned field (blanks then digits) becomes blanks then one {@code #}, keeping its width: for files
     * printed with widths (%6lu), so the columns are checked too.
     */
    private static String maskedFields(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" *\\d+").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, " ".repeat(m.group().length() - 1) + "#");
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String render(String path) {
        ScenarioRunner runner = new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard());
        return runner.run("layout.mms", List.of("machine ram=24G cpus=2 swap=0", "cat " + path), OptionalLong.empty()).text();
    }

    @ParameterizedTest
    @ValueSource(strings = {"buddyinfo", "pagetypeinfo"})
    void everyColumnHasTheRealLayout(String file) throws IOException {
        assertEquals(maskedFields(Files.readString(sample("proc-" + file + ".txt"))), maskedFields(render("/proc/" + file)));
    }

    @org.junit.jupiter.api.Test
    void zoneinfoHasTheRealLayoutLineByLine() throws IOException {
        assertEquals(masked(Files.readString(sample("proc-zoneinfo.txt"))), masked(render("/proc/zoneinfo")));
    }

    /**
     * Every one of the 54 lines of a 6.18 x86-64 /proc/meminfo, in its order, each in the sample's columns: the
     * whole key list, not only the order of the lines there are.
     */
    @org.junit.jupiter.api.Test
    void meminfoHasEveryLineOfTheSampleInItsColumns() throws IOException {
        assertEquals(maskedFields(Files.readString(sample("proc-meminfo.txt"))), maskedFields(render("/proc/meminfo")));
    }

    @org.junit.jupiter.api.Test
    void theSysctlFilesPrintAsTheKernelDoes() throws IOException {
        assertEquals("256\t256\t32\t0\t0\n", render("/proc/sys/vm/lowmem_reserve_ratio"));
        assertTrue(render("/proc/sys/vm/min_free_kbytes").matches("\\d+\n"));
        assertEquals(Files.readString(sample("sys-vm-min_free_kbytes.txt")).trim(), render("/proc/sys/vm/min_free_kbytes").trim(),
                "khugepaged's 67584 kB: 3 zones up to Normal, as on the real machine");
    }
}
