package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
    void aBadScenarioLineIsOneLineOnStderrWithStatusTwoAndNoOutput() throws IOException {
        Path file = scenario("echo partial\nalloc_everything now\n");
        Outcome outcome = mm("run", file.toString());
        assertEquals(2, outcome.status());
        assertEquals("", outcome.out());
        assertTrue(outcome.err().startsWith(file + ":2: unknown verb 'alloc_everything'; expected one of machine, "), outcome.err());
        assertEquals(1, outcome.err().lines().count());
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
        assertEquals(2_000_000_000L, root.get("uptimeNanos").asLong());
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
        assertTrue(touch > 0 && out.indexOf(":3: p malloc m 1M\n  (nothing changed)\n") > 0, out);
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
