package org.mmsim.tools.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.trace.plugin.PolicyRegistry;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.VerbTable;

/**
 * /proc/PID/status, maps, smaps and {@code pmap -x} of a simulated process against the real Linux 6.18 process of
 * linux-6.18-samples: the same fields in the same order, the same columns and widths, the same units. The numbers
 * differ (another program on another machine), so each line is compared by its shape: numbers masked, widths kept.
 * Where the layout rule is stated here (the name column of maps, pmap's columns), the sample is checked against it
 * too, so the rule is the real machine's and not this test's.
 */
class ProcessFilesLayoutTest {
    /**
     * {@code show_map_vma()}: start-end perms offset dev inode, then the name padded to a column. Group 7 is the
     * padding and name, empty for anonymous memory (the line then ends with the inode and one blank).
     */
    private static final Pattern MAPS = Pattern.compile(
            "([0-9a-f]{8,16})-([0-9a-f]{8,16}) ([r-][w-][x-][ps]) ([0-9a-f]{8}) ([0-9a-f]{2}:[0-9a-f]{2}) (\\d+) (.*)");
    /** The column the name starts at in maps and smaps: {@code 25 + sizeof(void *) * 6 - 1} on 64-bit kernels. */
    private static final int NAME_COLUMN = 73;

    private static SimulatedMachine machine;
    private static int pid;

    /**
     * A process with every kind of line a real one has: its program and libraries, a brk heap, an anonymous mapping of
     * malloc's own, a shared read-only file mapping, the vDSO pages and the stack; some of each resident.
     */
    @BeforeAll
    static void spawn() {
        ScenarioRunner runner = new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard());
        machine = runner.run("layout.mms", List.of("machine ram=24G cpus=2 swap=0", "spawn prog image=hello",
                "prog malloc small 64K", "prog touch small write", "prog malloc big 1M", "prog touch big write length=64K",
                "prog mmap cache 28K file=/usr/lib/x86_64-linux-gnu/libc.so.6 shared prot=r", "prog touch cache read"),
                OptionalLong.empty()).machine();
        pid = machine.processes().pidOf("prog").orElseThrow();
    }

    private static List<String> lines(String text) {
        assertTrue(text.endsWith("\n"), "every line ends with a newline");
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    /** Every right-aligned number (blanks then digits) becomes blanks then one {@code #}, keeping its width. */
    private static String maskedFields(String text) {
        Matcher m = Pattern.compile(" *\\d+").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, " ".repeat(m.group().length() - 1) + "#");
        }
        m.appendTail(out);
        return out.toString();
    }

    // ---- status

    private static String label(String line) {
        return line.substring(0, line.indexOf(':') + 1);
    }

    /**
     * A status line with its value masked: the command name and the state are free text; 64-bit masks and numbers are
     * masked, the kB figures keeping their width ({@code seq_put_decimal_ull_width()} pads them to 8).
     */
    private static String statusShape(String line) {
        String label = label(line);
        String value = line.substring(label.length());
        if (label.equals("Name:")) {
            return value.matches("\t\\S.{0,14}") ? label + "\tCOMM" : line;
        }
        if (label.equals("State:")) {
            return value.matches("\t[RSDTtXZPI] \\([a-z ]+\\)") ? label + "\tSTATE" : line;
        }
        value = value.replaceAll("[0-9a-f]{16}", "HEX64");
        return label + (value.endsWith(" kB") ? maskedFields(value) : value.replaceAll("\\d+", "#"));
    }

    @Test
    void statusHasEveryFieldOfTheRealOneInItsOrderAndLayout() {
        List<String> expected = LinuxSamples.lines("proc-pid-status.txt");
        List<String> actual = lines(ProcessFiles.status(machine, pid));
        assertEquals(expected.stream().map(ProcessFilesLayoutTest::label).toList(),
                actual.stream().map(ProcessFilesLayoutTest::label).toList(), "the fields and their order");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(statusShape(expected.get(i)), statusShape(actual.get(i)), "line " + (i + 1) + ": " + actual.get(i));
        }
    }

    @Test
    void statusFiguresAgreeWithEachOther() {
        Map<String, String> status = new LinkedHashMap<>();
        for (String line : lines(ProcessFiles.status(machine, pid))) {
            status.put(label(line), line.substring(label(line).length()).trim());
        }
        assertEquals("prog", status.get("Name:"), "comm is the name the scenario gave the program");
        assertEquals(String.valueOf(pid), status.get("Pid:"));
        assertEquals(status.get("Pid:"), status.get("Tgid:"), "one thread: its pid is the thread group's");
        assertEquals(status.get("Pid:"), status.get("NSpid:"));
        assertEquals("1", status.get("Threads:"));
        assertEquals(kb(status, "RssAnon:") + kb(status, "RssFile:") + kb(status, "RssShmem:"), kb(status, "VmRSS:"));
        assertTrue(kb(status, "VmHWM:") >= kb(status, "VmRSS:"));
        assertTrue(kb(status, "VmPeak:") >= kb(status, "VmSize:"));
        assertEquals("0-1", status.get("Cpus_allowed_list:"), "the machine's two CPUs");
        assertEquals("3", status.get("Cpus_allowed:"));
    }

    private static long kb(Map<String, String> status, String label) {
        String value = status.get(label);
        assertTrue(value.endsWith(" kB"), label + " " + value);
        return Long.parseLong(value.substring(0, value.length() - 3).trim());
    }

    // ---- maps

    /** Checks one maps line's layout; returns its name ("" for anonymous memory). */
    private static String checkMapsLine(String line) {
        Matcher m = MAPS.matcher(line);
        assertTrue(m.matches(), "maps layout: " + line);
        assertEquals(m.group(1).length(), m.group(2).length(), "start and end in one width: " + line);
        String rest = m.group(7);
        if (rest.isEmpty()) {
            return "";
        }
        String name = rest.stripLeading();
        assertEquals(NAME_COLUMN, line.length() - name.length(), "the name starts at column " + NAME_COLUMN + ": " + line);
        return name;
    }

    @Test
    void theSampleHasTheLayoutThisTestChecks() {
        LinuxSamples.lines("proc-pid-maps.txt").forEach(ProcessFilesLayoutTest::checkMapsLine);
        assertEquals(List.of("Address           Kbytes     RSS   Dirty Mode  Mapping"), LinuxSamples.lines("pmap-x.txt").subList(1, 2));
        for (String line : LinuxSamples.lines("pmap-x.txt")) {
            if (line.matches("[0-9a-f]{16} .*")) {
                checkPmapLine(line);
            }
        }
    }

    private static List<String> pseudoFiles(List<String> maps) {
        List<String> names = new ArrayList<>();
        for (String line : maps) {
            String name = checkMapsLine(line);
            if (name.startsWith("[")) {
                names.add(name);
            }
        }
        return names;
    }

    private static String linesNamed(List<String> maps, String name) {
        return maps.stream().filter(l -> l.endsWith(" " + name)).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    @Test
    void mapsLinesHaveTheRealLayoutAndTheKernelsPseudoFilesInItsOrder() {
        List<String> expected = LinuxSamples.lines("proc-pid-maps.txt");
        List<String> actual = lines(ProcessFiles.maps(machine, pid));
        assertEquals(pseudoFiles(expected), pseudoFiles(actual), "[heap], [vvar], [vvar_vclock], [vdso], [stack], [vsyscall]");
        for (String name : pseudoFiles(expected)) {
            Matcher want = MAPS.matcher(linesNamed(expected, name));
            Matcher got = MAPS.matcher(linesNamed(actual, name));
            assertTrue(want.matches() && got.matches());
            assertEquals(want.group(3) + " " + want.group(4) + " " + want.group(5) + " " + want.group(6),
                    got.group(3) + " " + got.group(4) + " " + got.group(5) + " " + got.group(6), name + ": perms, offset, device, inode");
            if (!name.equals("[heap]") && !name.equals("[stack]")) {
                assertEquals(size(want), size(got), name + " has the kernel's size");
            }
        }
        assertEquals(linesNamed(expected, "[vsyscall]"), linesNamed(actual, "[vsyscall]"), "the fixed vsyscall page");
        assertEquals(linesNamed(expected, "[vsyscall]"), actual.get(actual.size() - 1), "the vsyscall page comes last");
        assertTrue(actual.stream().anyMatch(l -> l.matches("[0-9a-f]+-[0-9a-f]+ rw-p 00000000 00:00 0 ")),
                "anonymous memory: no name, the line ends after the inode and a blank");
        assertTrue(actual.stream().anyMatch(l -> l.contains(" r--s ")), "a shared mapping's s");
    }

    private static long size(Matcher maps) {
        return Long.parseUnsignedLong(maps.group(2), 16) - Long.parseUnsignedLong(maps.group(1), 16);
    }

    // ---- smaps

    /** smaps split into blocks: each VMA's maps line, then its field lines. */
    private static List<List<String>> blocks(List<String> smaps) {
        List<List<String>> blocks = new ArrayList<>();
        for (String line : smaps) {
            if (MAPS.matcher(line).matches()) {
                blocks.add(new ArrayList<>());
            }
            blocks.get(blocks.size() - 1).add(line);
        }
        return blocks;
    }

    private static List<String> labels(List<String> block) {
        return block.subList(1, block.size()).stream().map(ProcessFilesLayoutTest::label).toList();
    }

    private static String vmFlags(List<String> block) {
        return block.get(block.size() - 1);
    }

    @Test
    void everySmapsBlockHasTheRealFieldsInOrderAndTheirWidths() {
        List<List<String>> expected = blocks(LinuxSamples.lines("proc-pid-smaps.txt"));
        List<String> fields = labels(expected.get(0));
        assertEquals("VmFlags:", fields.get(fields.size() - 1));
        assertEquals(fields, labels(expected.get(1)), "the sample's blocks agree");
        Map<String, String> shapes = new LinkedHashMap<>();
        expected.get(0).subList(1, fields.size()).forEach(l -> shapes.put(label(l), maskedFields(l)));

        List<String> actualLines = lines(ProcessFiles.smaps(machine, pid));
        List<List<String>> actual = blocks(actualLines);
        assertEquals(lines(ProcessFiles.maps(machine, pid)), actual.stream().map(b -> b.get(0)).toList(),
                "one block a maps line, the vsyscall page included");
        for (List<String> block : actual) {
            assertEquals(fields, labels(block), block.get(0));
            for (String line : block.subList(1, block.size() - 1)) {
                assertEquals(shapes.get(label(line)), maskedFields(line), block.get(0));
            }
            assertTrue(vmFlags(block).matches("VmFlags:( [a-z]{2})+ "), "two-letter codes, each followed by a blank: "
                    + vmFlags(block));
        }
    }

    /**
     * The VmFlags of each kind of VMA, as {@code show_smap_vma_flags()} prints them in bit order: the file mappings'
     * as in the sample; the others as the kernel sets them (the stack VM_STACK_FLAGS | VM_ACCOUNT, brk and private
     * writable memory VM_ACCOUNT, the vDSO data pages PFN maps of kernel memory, special mappings VM_DONTEXPAND, the
     * vsyscall page VM_EXEC alone in vsyscall=xonly mode).
     */
    @Test
    void vmFlagsAreTheKernelsForEachKindOfMapping() {
        Map<String, String> want = new LinkedHashMap<>();
        for (List<String> block : blocks(LinuxSamples.lines("proc-pid-smaps.txt"))) {
            Matcher m = MAPS.matcher(block.get(0));
            assertTrue(m.matches());
            if (block.size() == 25 && !m.group(7).isEmpty()) {
                want.put(m.group(3) + " file", vmFlags(block));
            }
        }
        assertEquals(Map.of("r--p file", "VmFlags: rd mr mw me ", "r-xp file", "VmFlags: rd ex mr mw me "), want,
                "the sample's program mappings");
        want.put("rw-p file", "VmFlags: rd wr mr mw me ac ");
        // The RELRO segment, mapped writable (so accounted) and made read-only after relocation, as libc's in
        // /proc/self/smaps on the real machine: "r--p 001cf000 ... libc.so.6", "VmFlags: rd mr mw me ac ".
        want.put("r--p file relro", "VmFlags: rd mr mw me ac ");
        want.put("rw-p anon", "VmFlags: rd wr mr mw me ac ");
        want.put("[heap]", "VmFlags: rd wr mr mw me ac ");
        want.put("[stack]", "VmFlags: rd wr mr mw me gd ac ");
        want.put("[vvar]", "VmFlags: rd mr pf io de dd ");
        want.put("[vvar_vclock]", "VmFlags: rd mr pf io de dd ");
        want.put("[vdso]", "VmFlags: rd ex mr mw me de ");
        want.put("[vsyscall]", "VmFlags: ex ");
        Map<String, String> got = new LinkedHashMap<>();
        List<List<String>> blocks = blocks(lines(ProcessFiles.smaps(machine, pid)));
        for (int i = 0; i < blocks.size(); i++) {
            List<String> block = blocks.get(i);
            Matcher m = MAPS.matcher(block.get(0));
            assertTrue(m.matches());
            String name = m.group(7).stripLeading();
            String kind = name.startsWith("[") ? name : m.group(3) + (name.isEmpty() ? " anon" : " file");
            if (kind.equals("r--p file") && i + 1 < blocks.size() && blocks.get(i + 1).get(0).contains(" rw-p ")
                    && blocks.get(i + 1).get(0).endsWith(name)) {
                kind += " relro";
            }
            if (want.containsKey(kind)) {
                assertEquals(want.get(kind), vmFlags(block), block.get(0));
                got.put(kind, vmFlags(block));
            }
        }
        assertEquals(want.keySet(), got.keySet(), "every kind of mapping is there");
    }

    // ---- smaps_rollup

    /**
     * smaps_rollup line by line against the sample of {@code hog 120}: the header as a maps line from the first VMA's
     * start to the last one's end (the vsyscall page is no VMA), named [rollup] at the name column, then the summed
     * fields with the rollup's own Pss_Anon, Pss_File and Pss_Shmem, in the same widths; no per-VMA field.
     */
    @Test
    void smapsRollupHasTheRealHeaderAndFieldsInOrderAndTheirWidths() {
        List<String> expected = LinuxSamples.lines("proc-pid-smaps_rollup.txt");
        List<String> actual = lines(ProcessFiles.smapsRollup(machine, pid));
        assertEquals(expected.size(), actual.size(), String.join("\n", actual));
        Matcher want = MAPS.matcher(expected.get(0));
        Matcher got = MAPS.matcher(actual.get(0));
        assertTrue(want.matches() && got.matches(), actual.get(0));
        assertEquals(want.group(3) + " " + want.group(4) + " " + want.group(5) + " " + want.group(6) + " " + want.group(7),
                got.group(3) + " " + got.group(4) + " " + got.group(5) + " " + got.group(6) + " " + got.group(7));
        assertEquals("[rollup]", checkMapsLine(actual.get(0)));
        List<String> maps = lines(ProcessFiles.maps(machine, pid));
        Matcher first = MAPS.matcher(maps.get(0));
        Matcher last = MAPS.matcher(maps.get(maps.size() - 2));
        assertTrue(first.matches() && last.matches());
        assertEquals(first.group(1) + "-" + last.group(2), got.group(1) + "-" + got.group(2),
                "from the first VMA's start to the end of the last before the vsyscall page");
        for (int i = 1; i < expected.size(); i++) {
            assertEquals(maskedFields(expected.get(i)), maskedFields(actual.get(i)), "line " + (i + 1));
        }
    }

    // ---- pmap -x

    /**
     * One pmap -x line: the address in 16 digits, Kbytes, RSS and Dirty right-aligned in 7 columns, the mode (rwx,
     * s for shared, then -), the mapping (a file's base name, or {@code [ anon ]}/{@code [ stack ]} after two blanks).
     */
    private static long[] checkPmapLine(String line) {
        Matcher m = Pattern.compile("([0-9a-f]{16}) ([ \\d]{7}) ([ \\d]{7}) ([ \\d]{7}) ([r-][w-][x-][s-]-) (.+)").matcher(line);
        assertTrue(m.matches(), "pmap -x layout: " + line);
        long[] figures = new long[3];
        for (int i = 0; i < 3; i++) {
            assertTrue(m.group(2 + i).matches(" *\\d+"), "right-aligned: " + line);
            figures[i] = Long.parseLong(m.group(2 + i).trim());
        }
        String mapping = m.group(6);
        assertTrue(mapping.equals("  [ anon ]") || mapping.equals("  [ stack ]") || mapping.matches("[^ /\\[][^/]*"),
                "a base name or an anonymous kind: " + line);
        return figures;
    }

    @Test
    void pmapHasTheRealHeaderColumnsAndTotal() {
        List<String> expected = LinuxSamples.lines("pmap-x.txt");
        List<String> actual = lines(ProcessFiles.pmap(machine, pid));
        assertTrue(expected.get(0).matches("\\d+:   \\S.*"), expected.get(0));
        assertEquals(pid + ":   prog", actual.get(0), "the pid, three blanks, the command line");
        assertEquals(expected.get(1), actual.get(1), "the header");
        long[] sums = new long[3];
        for (String line : actual.subList(2, actual.size() - 2)) {
            long[] figures = checkPmapLine(line);
            for (int i = 0; i < 3; i++) {
                sums[i] += figures[i];
            }
        }
        assertEquals(expected.get(expected.size() - 2), actual.get(actual.size() - 2), "the rule under the columns");
        assertEquals(maskedFields(expected.get(expected.size() - 1)).length(), actual.get(actual.size() - 1).length());
        assertEquals(String.format("total kB %15d %7d %7d", sums[0], sums[1], sums[2]), actual.get(actual.size() - 1),
                "the totals, in the columns of the figures they add up");
        assertTrue(expected.get(expected.size() - 1).matches("total kB {9}[ \\d]{7} [ \\d]{7} [ \\d]{7}"),
                "the sample's total line has the same columns");
        String vsyscall = expected.stream().filter(l -> l.startsWith("ffffffffff600000")).findFirst().orElseThrow();
        assertEquals(vsyscall, actual.get(actual.size() - 3), "the vsyscall page, last, as in the sample");
        assertTrue(actual.stream().anyMatch(l -> l.endsWith(" rw---   [ stack ]")));
        assertTrue(actual.stream().anyMatch(l -> l.endsWith(" r--s- libc.so.6")), "a shared mapping's mode");
    }

    @Test
    void pmapTotalsAreTheStatusFiguresPlusTheVsyscallPage() {
        List<String> pmap = lines(ProcessFiles.pmap(machine, pid));
        String[] total = pmap.get(pmap.size() - 1).trim().split(" +");
        Map<String, String> status = new LinkedHashMap<>();
        for (String line : lines(ProcessFiles.status(machine, pid))) {
            status.put(label(line), line.substring(label(line).length()).trim());
        }
        assertEquals(kb(status, "VmSize:") + 4, Long.parseLong(total[2]), "VmSize and the 4 kB vsyscall page");
        assertEquals(kb(status, "VmRSS:"), Long.parseLong(total[3]), "RSS: the pages mapped");
    }
}
