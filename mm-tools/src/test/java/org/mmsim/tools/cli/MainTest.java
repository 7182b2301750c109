package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    /** What one run of {@code mm} left. */
    record Outcome(int status, String out, String err) {
    }

    static Outcome mm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(status, out.toString(), err.toString());
    }

    private Path scenario(String text) throws IOException {
        Path file = dir.resolve("s.mms");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void versionNamesTheKernelModelled() {
        Outcome outcome = mm("--version");
        assertEquals(0, outcome.status());
        assertTrue(outcome.out().matches("mmsim \\S+ \\(models Linux 6\\.18, Java \\d+\\)\\n"), outcome.out());
    }

    /** picocli formats help with String.format: a lone % in a description prints a warning on stderr instead. */
    @Test
    void everyCommandsHelpRendersWithoutWarnings() {
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        List<picocli.CommandLine> commands = new ArrayList<>(List.of(new MmCommand().commandLine()));
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < commands.size(); i++) {
                commands.addAll(commands.get(i).getSubcommands().values());
                commands.get(i).usage(new PrintWriter(new StringWriter()));
            }
        } finally {
            System.setErr(stderr);
        }
        assertTrue(commands.size() > 10, "commands found: " + commands.size());
        for (picocli.CommandLine command : commands.get(0).getSubcommands().values()) {
            Object user = command.getCommand();
            assertEquals(user.getClass().getAnnotation(picocli.CommandLine.Command.class).name(), command.getCommandName(),
                    "registered under its own name");
        }
        assertEquals("", warnings.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void pluginsJsonListsTheBuiltInPolicies() throws IOException {
        Outcome outcome = mm("plugins", "--json");
        assertEquals(0, outcome.status(), outcome.err());
        JsonNode array = new ObjectMapper().readTree(outcome.out());
        Set<String> seen = new HashSet<>();
        for (JsonNode entry : array) {
            seen.add(entry.get("kind").asText() + ":" + entry.get("name").asText());
            assertEquals("built-in", entry.get("source").asText());
            assertTrue(!entry.get("description").asText().isBlank());
        }
        assertTrue(seen.containsAll(Set.of("replacement:fifo", "replacement:lru", "replacement:linux", "oom:linux")), seen.toString());
    }

    @Test
    void aScenarioRunsAndPrints() throws IOException {
        Outcome outcome = mm("run", scenario("machine ram=1G\necho hello\n").toString());
        assertEquals(new Outcome(0, "hello\n", ""), outcome);
    }

    @Test
    void aBadScenarioLineIsOneLineOnStderrWithStatusTwoAfterTheOutputOfTheLinesBefore() throws IOException {
        Path file = scenario("echo partial\nalloc_everything now\necho never\n");
        Outcome outcome = mm("run", file.toString());
        assertEquals(2, outcome.status());
        assertEquals("partial\n", outcome.out(), "as a shell running a script, the lines before the bad one ran");
        assertTrue(outcome.err().startsWith(file + ":2: unknown verb 'alloc_everything'; expected one of machine, "), outcome.err());
        assertEquals(1, outcome.err().lines().count());
    }

    @Test
    void aLineThatFailsAsItRunsKeepsTheOutputOfTheLinesBefore() throws IOException {
        Path file = scenario("machine ram=256M\necho one\nspawn a\na touch nosuch\necho never\n");
        String error = file + ":4: no malloc or mmap named 'nosuch'; expected a VAR from an earlier malloc or mmap";
        assertEquals(new Outcome(2, "one\n", error + "\n"), mm("run", file.toString()));
        Outcome json = mm("run", "--json", file.toString());
        assertEquals(2, json.status());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals(error, root.get("error").asText());
        assertEquals("one\n", root.get("output").get(0).get("text").asText());
        assertEquals(1, root.get("output").size());
    }

    @Test
    void aMistypedProcessVerbIsToldAsOneWithTheNearestVerb() throws IOException {
        Path file = scenario("spawn a\na malloc m 1M\na touhc m\n");
        assertEquals(new Outcome(2, "", file + ":3: unknown verb 'touhc' for process a; did you mean 'touch'?\n"),
                mm("run", file.toString()));
        Path forked = scenario("spawn a\na fork b\nb mallco m 1M\n");
        assertEquals(forked + ":3: unknown verb 'mallco' for process b; did you mean 'malloc'?\n", mm("run", forked.toString()).err());
        Path plain = scenario("spwan a\n");
        assertEquals(plain + ":1: unknown verb 'spwan'; did you mean 'spawn'?\n", mm("run", plain.toString()).err());
    }

    @Test
    void machineOptionErrorsAreTheOptionsAndMachineLineErrorsTheLines() throws IOException {
        Path file = scenario("machine ram=256M\necho hi\n");
        Outcome policy = mm("run", "--machine", "policy=nope", file.toString());
        assertEquals(2, policy.status());
        assertTrue(policy.err().startsWith("--machine: unknown replacement policy 'nope'; expected one of 2q, arc, "),
                policy.err());
        assertEquals("--machine: unknown replacement policy 'lruu'; did you mean 'lru'?\n",
                mm("run", "--machine", "policy=lruu", file.toString()).err());
        assertEquals("--machine: cpus 0; expected 1 to 1024\n", mm("run", "--machine", "cpus=0", file.toString()).err());
        assertEquals("--machine: unknown machine key 'rma'; did you mean 'ram'?\n",
                mm("run", "--machine", "rma=1G", file.toString()).err());
        Path line = scenario("machine cpus=0\n");
        assertEquals(line + ":1: cpus 0; expected 1 to 1024\n", mm("run", line.toString()).err());
        assertEquals("--machine: unknown OOM policy 'nope'; expected one of largest-rss, linux, panic, priority, youngest\n",
                mm("shell", "--machine", "oom=nope").err());
        Path trace = Files.writeString(dir.resolve("t.lackey"), " L 00402ffe,4\n");
        assertEquals("--machine: bad size 'x' for ram; expected a whole number with an optional K, M, G or T suffix\n",
                mm("trace", trace.toString(), "--machine", "ram=x").err());
    }

    /** Bad input of every kind, as a new user types it: one line each, status 2, and no Java in sight. */
    @Test
    void noErrorNamesAJavaClassAnExceptionOrAStackFrame() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        Path keys = Files.writeString(dir.resolve("keys.txt"), "1\n2\n");
        Path utf16 = Files.write(dir.resolve("bytes.mms"), new byte[] {(byte) 0xff, (byte) 0xfe, 'x', '\n'});
        Path notUtf8 = Files.write(dir.resolve("latin1.mms"), "echo ok\necho caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path utf16NoMark = Files.write(dir.resolve("utf16.mms"), "echo x\n".getBytes(StandardCharsets.UTF_16LE));
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path brokenJar = Files.createDirectories(dir.resolve("jars"));
        Files.writeString(brokenJar.resolve("broken.jar"), "not a zip");
        List<List<String>> runs = List.of(
                List.of("run", folder.toString()),
                List.of("run", notUtf8.toString()),
                List.of("run", utf16.toString()),
                List.of("run", utf16NoMark.toString()),
                List.of("replay", "--trace", keys.toString(), "--format", "csv", "--delimiter", "", "--policy", "lru",
                        "--capacity", "2"),
                List.of("run", "--seed", "x", keys.toString()),
                List.of("replay", "--trace", folder.toString(), "--policy", "lru", "--capacity", "2"),
                List.of("replay", "--trace", empty.toString(), "--policy", "lru", "--capacity", "2"),
                List.of("replay", "--trace", keys.toString(), "--policy", "lru", "--capacity", "2", "--threads", "x"),
                List.of("mrc", "--trace", keys.toString(), "--sample", "x"),
                List.of("mrc", "--trace", keys.toString(), "--sample", "1e-300"),
                List.of("mrc", "--trace", keys.toString(), "--sample", "1e-7"),
                List.of("mrc", "--trace", keys.toString(), "--csv", folder.toString()),
                List.of("compare", "--trace", keys.toString(), "--policy", "lru", "--capacity", "2", "--csv",
                        dir.resolve("none/out.csv").toString()),
                List.of("trace", keys.toString(), "--maps", folder.toString()),
                List.of("exercise", "replace", "--seed", "x"),
                List.of("exercise", "cache", "--seed", "x"),
                List.of("plugins", "--plugin-path", brokenJar.toString()),
                List.of("bench", "nope"),
                List.of("frobnicate"));
        for (List<String> args : runs) {
            Outcome outcome = mm(args.toArray(String[]::new));
            assertEquals(2, outcome.status(), args + ": " + outcome.err());
            assertEquals(1, outcome.err().lines().count(), args + ": " + outcome.err());
            assertTrue(!outcome.err().matches("(?s).*(java\\.|Exception|Error\\b|\\bat [a-z]+\\.|\\bnull\\b| long\\b"
                    + "| int\\b| double\\b).*"), args + ": " + outcome.err());
        }
        assertEquals(folder + ": is a directory; expected a scenario file\n", mm("run", folder.toString()).err());
        String debug = mm("run", "--debug", folder.toString()).err();
        assertTrue(debug.startsWith(folder + ": is a directory; expected a scenario file\n") && debug.contains("\tat "),
                "--debug keeps the stack trace: " + debug);
        assertEquals(notUtf8 + ":2:9: byte 0xE9 is not UTF-8; expected UTF-8 text\n", mm("run", notUtf8.toString()).err());
        assertEquals(utf16 + ":1: UTF-16 text (byte order mark FF FE); expected UTF-8\n", mm("run", utf16.toString()).err());
        assertEquals(utf16NoMark + ":1:2: a NUL byte; expected UTF-8 text (UTF-16 has them)\n",
                mm("run", utf16NoMark.toString()).err());
        assertEquals("--delimiter '': 0 characters; expected one character, such as , or ';'\n",
                mm("replay", "--trace", keys.toString(), "--format", "csv", "--delimiter", "", "--policy", "lru",
                        "--capacity", "2").err());
        assertEquals("--plugin-path: " + brokenJar.resolve("broken.jar") + ": not a readable jar (zip END header not found); "
                + "expected a plugin jar\n", mm("plugins", "--plugin-path", brokenJar.toString()).err());
    }

    /** Keys, values, names and lines that used to be taken and do nothing, or the wrong thing: each one line, status 2. */
    @Test
    void everyVerbRefusesWhatItWouldIgnore() throws IOException {
        String buffer = "spawn a\na malloc buf 1M\n";
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(buffer + "a touch buf foo=1\n", ":3: unknown option 'foo' for touch; expected one of offset, length, stride");
        errors.put(buffer + "a touch buf ofset=1\n", ":3: unknown option 'ofset' for touch; did you mean 'offset'?");
        errors.put(buffer + "a touch buf offset=2M\n", ":3: offset=2M past the end of buf; expected a range within its 1M");
        errors.put(buffer + "a touch buf offset=512K length=1M\n",
                ":3: offset=512K length=1M past the end of buf; expected a range within its 1M");
        errors.put("echo x\nmachine ram=1G\n",
                ":2: a machine line after the first command (line 1); expected machine lines before every command");
        errors.put("machine ram=1G\nmachine ram=2G\n", ":2: ram given again (line 1 gave it); expected each machine key once");
        errors.put(buffer + "a loop buf\na loop buf\n",
                ":4: a already loops over buf; expected 'a stop' before another loop (one loop a process)");
        errors.put("spawn init\n", ":1: process name 'init' is pid 1's; expected a NAME no task has");
        errors.put("spawn a\nspawn kswapd0\n", ":2: process name 'kswapd0' is pid ");
        errors.put("spawn 1\n", ":1: process name '1' is a number; expected a NAME with a letter, as a pid is a number");
        errors.put("alloc_pages p order=0 gfp=|\n", ":1: unknown GFP flag ''; expected a name such as GFP_KERNEL, "
                + "GFP_ATOMIC, GFP_HIGHUSER_MOVABLE or __GFP_ZERO");
        for (Map.Entry<String, String> error : errors.entrySet()) {
            Path file = scenario(error.getKey());
            Outcome outcome = mm("run", file.toString());
            assertEquals(2, outcome.status(), error.getKey() + outcome.err());
            assertTrue(outcome.err().startsWith(file + error.getValue()), error.getKey() + outcome.err());
            assertEquals(1, outcome.err().lines().count(), outcome.err());
        }
        Path plain = scenario("echo x\n");
        assertEquals(new Outcome(2, "", "--seed 1 and --machine seed=2: two seeds; expected one of them\n"),
                mm("run", "--seed", "1", "--machine", "seed=2", plain.toString()));
        for (String line : List.of("l 0x1000", "l 0x1000 -1")) {
            Path trace = Files.writeString(dir.resolve("addresses.txt"), line + "\n");
            assertEquals(new Outcome(2, "", trace + ": record 1: '" + line + "'; expected l|s 0xADDRESS N, N a count of "
                    + "instructions, 0 or more\n"), mm("trace", trace.toString()));
        }
        Outcome bare = mm();
        assertEquals(2, bare.status());
        assertEquals("", bare.out());
        assertTrue(bare.err().startsWith("mm: a command is needed; expected one of run, shell, ") && bare.err().contains("Usage: mm"),
                bare.err());
    }

    /** A curve from no sampled key is refused, one from a few is warned about, a capacity past the keys capped aloud. */
    @Test
    void mrcSaysWhenItsSampleOrCapacityCannotMeanMuch() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int key = 1; key <= 100; key++) {
            text.append(key).append('\n');
        }
        Path keys = Files.writeString(dir.resolve("hundred.txt"), text.toString());
        assertEquals(new Outcome(2, "", "--sample 1.0E-300: sampling rate 1.0E-300 follows no key (keys are hashed into "
                + "2^24 buckets); expected at least 5.96e-08\n"), mm("mrc", "--trace", keys.toString(), "--sample", "1e-300"));
        assertEquals(new Outcome(2, "", "--sample 1.0E-7: no key of the trace was sampled; expected a larger rate\n"),
                mm("mrc", "--trace", keys.toString(), "--sample", "1e-7"));
        Outcome small = mm("mrc", "--trace", keys.toString(), "--sample", "0.5", "--capacity", "50%");
        assertEquals(0, small.status(), small.err());
        assertTrue(small.err().matches("mm: warning: --sample 0.5 followed only \\d+ keys; a curve from fewer than 1,000 "
                + "is rough \\(a larger rate gives a truer one\\)\n"), small.err());
        Outcome capped = mm("mrc", "--trace", keys.toString(), "--capacity", "50,1000");
        assertEquals(0, capped.status(), capped.err());
        assertEquals("mm: warning: capacity 1000 is over the 100 distinct keys; its miss ratio is that of 100, as only "
                + "cold misses are left\n", capped.err());
    }

    /** A machine larger than the heap is refused before it boots, at once, with the heap it needs and how to give it. */
    @Test
    void aMachineBeyondTheHeapIsRefusedBeforeItBoots() throws IOException {
        long heap = Runtime.getRuntime().maxMemory();
        org.junit.jupiter.api.Assumptions.assumeTrue(heap < 12L << 30, "a heap that holds a 4T machine");
        Path huge = scenario("machine ram=4T\necho booted\n");
        long start = System.nanoTime();
        Outcome outcome = mm("run", huge.toString());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused before the boot");
        assertEquals(new Outcome(2, "", String.format(java.util.Locale.ROOT, huge + ":1: ram 4T: this machine needs about "
                + "12,304 MiB of heap and the JVM has %,d MiB; expected less ram, or more heap: MM_JAVA_OPTS=-Xmx16g\n",
                heap >> 20)), outcome);
    }

    /**
     * A machine whose boot cannot make its reservations (64 CPUs' per-CPU areas, each pair in a 2 MiB block, in 16 MiB
     * of RAM) is its machine line's one-line error.
     */
    @Test
    void aMachineTooSmallForItsBootIsItsMachineLinesError() throws IOException {
        Path small = scenario("machine ram=16M cpus=64\necho booted\n");
        assertEquals(new Outcome(2, "", small + ":1: the per-CPU areas of the CPUs of node 0 (228 KiB each, in 2 MiB "
                + "blocks) do not fit in its RAM; expected more RAM or fewer CPUs\n"), mm("run", small.toString()));
    }

    @Test
    void aUtf8ByteOrderMarkBeforeTheFirstLineIsSkipped() throws IOException {
        Path marked = Files.write(dir.resolve("bom.mms"), "\ufeffecho hello\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(new Outcome(0, "hello\n", ""), mm("run", marked.toString()));
    }

    @Test
    void unknownCommandsAndOptionsGetTheNearestName() {
        assertEquals(new Outcome(2, "", "mm: unknown command 'rnu'; did you mean 'run'? (see 'mm --help')\n"), mm("rnu"));
        assertEquals("mm bench: unknown command 'nope'; expected one of replay, alloc, trace, mmu, kmalloc, pagecache, "
                + "reclaim, compare, scenario (see 'mm bench --help')\n", mm("bench", "nope").err());
        assertEquals("mm run: unknown option '--setp'; did you mean '--step'? (see 'mm run --help')\n",
                mm("run", "--setp", "x.mms").err());
        assertEquals("unknown exercise 'replce'; did you mean 'replace'?\n", mm("exercise", "replce").err());
        assertEquals("--format txt: unknown trace format 'txt'; did you mean 'text'?\n",
                mm("mrc", "--trace", "t", "--format", "txt").err());
    }

    @Test
    void badArgumentsAreOneLineWithStatusTwo() {
        Outcome missing = mm("run");
        assertEquals(2, missing.status());
        assertEquals("mm run: Missing required parameter: 'FILE' (see 'mm run --help')\n", missing.err());
        Outcome unknown = mm("frobnicate");
        assertEquals(2, unknown.status());
        assertEquals(1, unknown.err().lines().count());
        Outcome noFile = mm("run", dir.resolve("none.mms").toString());
        assertEquals(2, noFile.status());
        assertEquals(dir.resolve("none.mms") + ": no such file; expected a scenario file\n", noFile.err());
    }

    @Test
    void runJsonHasTheMachineTheOutputAndTheCounters() throws IOException {
        Outcome outcome = mm("run", "--json", "--seed", "7", scenario("machine ram=2G swap=0\necho hi\ntick 2s\n").toString());
        assertEquals(0, outcome.status(), outcome.err());
        JsonNode root = new ObjectMapper().readTree(outcome.out());
        assertEquals("2G", root.get("machine").get("ram").asText());
        assertEquals(7, root.get("machine").get("seed").asLong());
        Outcome booted = mm("run", "--json", "--seed", "7", scenario("machine ram=2G swap=0\n").toString());
        long boot = new ObjectMapper().readTree(booted.out()).get("uptimeNanos").asLong();
        assertTrue(boot > 0 && boot < 100_000_000L, "the boot reads init's image from the disk: " + boot);
        assertEquals(2_000_000_000L, root.get("uptimeNanos").asLong() - boot);
        assertEquals("hi\n", root.get("output").get(0).get("text").asText());
        assertEquals(2, root.get("output").get(0).get("line").asInt());
        assertEquals(192, root.get("vmstat").size());
    }

    @Test
    void aMissingPluginDirectoryIsBadInput() {
        Outcome outcome = mm("plugins", "--plugin-path", dir.resolve("nothing").toString());
        assertEquals(2, outcome.status());
        assertEquals("--plugin-path " + dir.resolve("nothing") + ": not a directory; expected a directory of plugin jars\n",
                outcome.err());
    }

    @Test
    void stepShowsEachLineWithWhatItChanged() throws IOException {
        Outcome outcome = mm("run", "--step", scenario("machine ram=256M\nspawn p\np malloc m 1M\np touch m\n").toString());
        assertEquals(0, outcome.status(), outcome.err());
        String out = outcome.out();
        int touch = out.indexOf(":4: p touch m\n");
        int malloc = out.indexOf(":3: p malloc m 1M\n");
        assertTrue(malloc > 0 && touch > malloc, out);
        // malloc maps and touches nothing (its VMA may take a new slab page of vm_area_struct).
        String lazy = out.substring(malloc, touch);
        assertTrue(!lazy.contains("pgfault") && !lazy.contains("nr_anon_pages") && !lazy.contains("page-table entries"),
                lazy);
        String after = out.substring(touch);
        // 1 MiB and the last byte's page: 257 first-touch faults, each a new anonymous page and a walk of the tables.
        assertTrue(after.contains("  pgfault                          +257\n"), after);
        assertTrue(after.contains("  nr_anon_pages                    +257\n"), after);
        assertTrue(after.contains("  page walks                       +514\n"), after);
        assertTrue(after.contains("  page-table entries:\n") && after.contains("\n    ... and 249 more\n"),
                "257 new entries, 8 listed: " + after);
    }

    @Test
    void stepShowsACopyOnWriteAsAnEntryMovedToANewFrame() throws IOException {
        Outcome outcome = mm("run", "--step", scenario("machine ram=256M\nspawn p\np malloc m 4K\np touch m write\n"
                + "p fork c\nc touch m write\n").toString());
        assertEquals(0, outcome.status(), outcome.err());
        String last = outcome.out().substring(outcome.out().indexOf(":6: c touch m write\n"));
        assertTrue(last.matches("(?s).*\n    c \\(\\d+\\) +~0x[0-9a-f]{12}  pfn 0x[0-9a-f]+ -> 0x[0-9a-f]+\n.*"), last);
        String fork = outcome.out().substring(outcome.out().indexOf(":5: p fork c\n"), outcome.out().indexOf(":6: "));
        assertTrue(!fork.contains("page-table entries"), "a new process's entries are not listed one by one: " + fork);
    }
}
