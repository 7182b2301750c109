package org.mmsim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged command line, launched as ./mm launches it: a separate JVM with the tools jar and its runtime
 * dependencies on the class path (as ./mm runs every command), or on the module path (as ./mm runs a command given
 * --plugin-path). This is what users run, so it is tested as they run it, both ways.
 */
class LauncherIT {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    /** The command line {@code ./mm ARGS} runs: on the module path, as with --plugin-path, or on the class path. */
    private static List<String> command(boolean modulePath, String... args) throws IOException {
        return command(modulePath, List.of(), args);
    }

    /** As {@link #command(boolean, String...)}, with options for the JVM ({@code MM_JAVA_OPTS}). */
    private static List<String> command(boolean modulePath, List<String> jvm, String... args) throws IOException {
        Path target = Path.of("target");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvm);
        if (modulePath) {
            command.addAll(List.of("-p", target.resolve("mm-tools.jar") + File.pathSeparator + target.resolve("lib"),
                    "-m", "org.mmsim.tools/org.mmsim.tools.cli.Main"));
        } else {
            List<String> path = new ArrayList<>(List.of(target.resolve("mm-tools.jar").toString()));
            try (var jars = Files.list(target.resolve("lib"))) {
                jars.map(Path::toString).sorted().forEach(path::add);
            }
            command.addAll(List.of("-cp", String.join(File.pathSeparator, path), "org.mmsim.tools.cli.Main"));
        }
        command.addAll(List.of(args));
        return command;
    }

    private static Run mm(boolean modulePath, String... args) throws IOException, InterruptedException {
        return mmReading(new byte[0], modulePath, args);
    }

    /** {@code ./mm ARGS} with {@code input} on its standard input, a pipe. */
    private static Run mmReading(byte[] input, boolean modulePath, String... args) throws IOException, InterruptedException {
        return mm(input, command(modulePath, args));
    }

    private static Run mm(List<String> command) throws IOException, InterruptedException {
        return mm(new byte[0], command);
    }

    private static Run mm(byte[] input, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        try (var in = process.getOutputStream()) {
            in.write(input);
        } catch (IOException e) {
            // The command ended without reading it all: its status and output say why.
        }
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        return new Run(process.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "module path: {0}")
    @ValueSource(booleans = {true, false})
    void versionRuns(boolean modulePath) throws Exception {
        Run run = mm(modulePath, "--version");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("mmsim "), run.out());
    }

    @Test
    void theLibraryFolderHoldsOneJarPerModuleAndOnlyModulesTheCommandLineUses() {
        Path target = Path.of("target");
        // Two versions of one module in lib would fail here (as they stop the JVM), before any run.
        Set<String> inLib = new TreeSet<>();
        for (ModuleReference module : ModuleFinder.of(target.resolve("lib")).findAll()) {
            inLib.add(module.descriptor().name());
        }
        Configuration resolved = Configuration.empty().resolveAndBind(ModuleFinder.of(target.resolve("mm-tools.jar"),
                target.resolve("lib")), ModuleFinder.ofSystem(), Set.of("org.mmsim.tools"));
        Set<String> unused = new TreeSet<>(inLib);
        for (ResolvedModule module : resolved.modules()) {
            unused.remove(module.name());
        }
        assertTrue(inLib.containsAll(List.of("org.mmsim.api", "org.mmsim.plugins", "info.picocli")), inLib.toString());
        assertEquals(Set.of(), unused, "modules in target/lib that the command line does not use");
    }

    @ParameterizedTest(name = "module path: {0}")
    @ValueSource(booleans = {true, false})
    void theBuiltInPluginsAreFound(boolean modulePath) throws Exception {
        Run run = mm(modulePath, "plugins", "--json");
        assertEquals(0, run.status(), run.err());
        List<String> names = new ArrayList<>();
        for (JsonNode entry : new ObjectMapper().readTree(run.out())) {
            names.add(entry.get("kind").asText() + ":" + entry.get("name").asText());
        }
        assertTrue(names.containsAll(List.of("replacement:fifo", "replacement:lru", "replacement:linux", "oom:linux")), names.toString());
    }

    @ParameterizedTest(name = "module path: {0}")
    @ValueSource(booleans = {true, false})
    void theExampleScenarioBootsAMachine(boolean modulePath) throws Exception {
        Run run = mm(modulePath, "run", "../examples/boot.mms");
        // The boot took 0.02 s (init reading its image from the disk), its four CPUs idle.
        assertEquals(new Run(0, "booted; one second of simulated time passes\n1.02 4.08\n", ""), run);
    }

    @ParameterizedTest(name = "module path: {0}")
    @ValueSource(booleans = {true, false})
    void aBadScenarioIsOneLineAndStatusTwo(boolean modulePath) throws Exception {
        Path bad = dir.resolve("bad.mms");
        Files.writeString(bad, "machine ram=lots\n");
        assertEquals(new Run(2, "", bad + ":1: bad size 'lots' for ram; expected a whole number with an optional K, M, G or T suffix\n"),
                mm(modulePath, "run", bad.toString()));
    }

    @Test
    void noCommandIsTheUsageOnStandardErrorAndStatusTwo() throws Exception {
        Run run = mm(false);
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("mm: a command is needed; expected one of run, ") && run.err().contains("Usage: mm"),
                run.err());
    }

    @ParameterizedTest(name = "module path: {0}")
    @ValueSource(booleans = {true, false})
    void aReplayReadsACompressedTrace(boolean modulePath) throws Exception {
        Path trace = dir.resolve("t.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(trace))) {
            out.write("1\n2\n1\n3\n".getBytes(StandardCharsets.US_ASCII));
        }
        Run run = mm(modulePath, "replay", "--trace", trace.toString(), "--policy", "lru", "--capacity", "2", "--json");
        assertEquals(0, run.status(), run.err());
        assertEquals(1, new ObjectMapper().readTree(run.out()).get("hits").asInt());
    }

    /** A zstd frame of one raw block (RFC 8878, 3.1.1): the smallest file a zstd decoder must read. */
    private static byte[] zstd(byte[] content) {
        byte[] frame = new byte[9 + content.length];
        System.arraycopy(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x20, (byte) content.length}, 0, frame, 0, 6);
        int header = 1 | content.length << 3;                           // the last block, raw, and its size
        frame[6] = (byte) header;
        frame[7] = (byte) (header >>> 8);
        frame[8] = (byte) (header >>> 16);
        System.arraycopy(content, 0, frame, 9, content.length);
        return frame;
    }

    @ParameterizedTest(name = "module path: {0}")
    @ValueSource(booleans = {true, false})
    void zstdTracesAreReadByEveryCommand(boolean modulePath) throws Exception {
        Path keys = Files.write(dir.resolve("keys.zst"), zstd("1\n2\n1\n3\n".getBytes(StandardCharsets.US_ASCII)));
        Run replay = mm(modulePath, "replay", "--trace", keys.toString(), "--policy", "lru", "--capacity", "2", "--json");
        assertEquals(0, replay.status(), replay.err());
        assertEquals(1, new ObjectMapper().readTree(replay.out()).get("hits").asInt());
        Path addresses = Files.write(dir.resolve("addresses.zst"),
                zstd("l 0x1000 4\ns 0x2000 8\n".getBytes(StandardCharsets.US_ASCII)));
        Run trace = mm(modulePath, "trace", addresses.toString());
        assertEquals(0, trace.status(), trace.err());
        assertTrue(trace.out().startsWith("trace " + addresses + " (address): 2 accesses, 2 distinct pages\n"), trace.out());
    }

    /** A FIFO that a thread of its own writes {@code content} into once a reader opens it. */
    private Path fifo(String name, String content) throws Exception {
        Path fifo = dir.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, content, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                // The reader went away; its result fails the test.
            }
        });
        writer.setDaemon(true);
        writer.start();
        return fifo;
    }

    /** A FIFO or a pipe is read once, its format told from its first bytes, none of them lost. */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aFifoOrStandardInputIsReadOnceAsAStream() throws Exception {
        Run replay = mm(false, "replay", "--trace", fifo("keys", "1\n2\n1\n3\n").toString(), "--policy", "lru",
                "--capacity", "50%", "--json");
        assertEquals(0, replay.status(), replay.err());
        assertEquals(4, new ObjectMapper().readTree(replay.out()).get("requests").asInt());
        Run mrc = mm(false, "mrc", "--trace", fifo("mrc", "1\n2\n1\n3\n").toString(), "--json");
        assertEquals(0, mrc.status(), mrc.err());
        Path lackey = fifo("lackey", "==1== Lackey, an example Valgrind tool\nI  04000000,3\n L 04001000,8\n");
        Run trace = mm(false, "trace", lackey.toString());
        assertEquals(0, trace.status(), trace.err());
        assertTrue(trace.out().startsWith("trace " + lackey + " (lackey): 2 accesses"), trace.out());
        Run piped = mmReading("1\n2\n1\n3\n".getBytes(StandardCharsets.US_ASCII), false, "replay", "--trace", "-",
                "--policy", "lru", "--capacity", "2", "--json");
        assertEquals(0, piped.status(), piped.err());
        assertEquals(1, new ObjectMapper().readTree(piped.out()).get("hits").asInt());
    }

    /**
     * The modules a program that requires only {@code org.mmsim.trace} gets: aircompressor, which decodes zstd, reads
     * sun.misc.Unsafe, so {@code jdk.unsupported} must be among them.
     */
    @Test
    void theTraceLibraryAloneResolvesWhatItsZstdDecoderReads() {
        Configuration resolved = Configuration.empty().resolve(ModuleFinder.of(Path.of("target", "lib")),
                ModuleFinder.ofSystem(), Set.of("org.mmsim.trace"));
        assertTrue(resolved.findModule("jdk.unsupported").isPresent(), resolved.modules().toString());
    }

    /**
     * A replacement policy whose evict() loops, an OOM policy whose decide() loops: the watchdog stops each after its
     * budget (here 1 s, as MM_JAVA_OPTS=-Dmmsim.plugin.timeout=1 sets it), naming it, the call and the line, after the
     * output of the lines before; a replay gives the pair's row the error and the other pairs their results.
     */
    @ParameterizedTest(name = "module path: {0}")
    @ValueSource(booleans = {true, false})
    @org.junit.jupiter.api.Timeout(120)
    void aPluginThatNeverReturnsIsStoppedByTheWatchdog(boolean modulePath) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        org.mmsim.tools.cli.HostilePolicies.jar(plugins);
        List<String> budget = List.of("-Dmmsim.plugin.timeout=1");
        Path fill = Files.writeString(dir.resolve("fill.mms"), "machine ram=32M swap=64M\necho first line\nspawn app\n"
                + "app malloc buf 40M\napp touch buf write\n");
        assertEquals(new Run(1, "first line\n", "mm: policy 'looping' failed in evict() at " + fill + ":5: no progress for 1 s\n"),
                mm(command(modulePath, budget, "run", fill.toString(), "--plugin-path", plugins.toString(), "--machine",
                        "policy=looping")));
        // The booted kernel leaves about 20 MiB of a 32 MiB machine: the first 12M fit, the next 20M run it out.
        Path oom = Files.writeString(dir.resolve("oom.mms"), "machine ram=32M swap=0\necho first line\nspawn app\n"
                + "app malloc buf 12M\napp touch buf write\napp malloc more 20M\napp touch more write\n");
        assertEquals(new Run(1, "first line\n", "mm: policy 'looping-oom' failed in decide() at " + oom + ":7: no progress for 1 s\n"),
                mm(command(modulePath, budget, "run", oom.toString(), "--plugin-path", plugins.toString(), "--machine",
                        "oom=looping-oom")));
        Path trace = Files.writeString(dir.resolve("t.txt"), "1\n2\n3\n1\n");
        Run replay = mm(command(modulePath, budget, "replay", "--trace", trace.toString(), "--plugin-path", plugins.toString(),
                "--policy", "looping,lru", "--capacity", "2"));
        assertEquals(1, replay.status(), replay.err());
        assertEquals("mm: policy 'looping' failed in evict() after request 0: no progress for 1 s\n", replay.err());
        assertTrue(replay.out().lines().anyMatch(l -> l.matches("lru +2 +4 +0 +4 .*")), replay.out());
    }

    /** A plugin folder that also holds a jar of mmsim's own (mm-api) is refused, naming the jar and the module. */
    @ParameterizedTest(name = "module path: {0}")
    @ValueSource(booleans = {true, false})
    void aPluginFolderHoldingAModuleOfMmsimIsRefused(boolean modulePath) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        org.mmsim.tools.cli.HostilePolicies.jar(plugins);
        Path api;
        try (var lib = Files.list(Path.of("target", "lib"))) {
            api = lib.filter(p -> p.getFileName().toString().startsWith("mm-api-")).findFirst().orElseThrow();
        }
        Path copy = Files.copy(api, plugins.resolve(api.getFileName()));
        assertEquals(new Run(2, "", "--plugin-path: " + copy + ": holds module org.mmsim.api, which is already part of "
                + "mmsim; expected only plugin jars (remove it)\n"), mm(modulePath, "plugins", "--plugin-path", plugins.toString()));
    }

    /**
     * {@code ./mm shell} on a pipe: no prompt before the lines; SIGINT, as Ctrl-C sends it, stops vmstat (which runs
     * until then, a line a second) and the shell reads on.
     */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aPipedShellPromptsForNothingAndCtrlCStopsOnlyTheLine() throws Exception {
        Process shell = new ProcessBuilder(command(false, "shell")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var in = new java.io.PrintWriter(shell.getOutputStream(), true, StandardCharsets.UTF_8);
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
        in.println("echo ready");
        in.println("vmstat 1");
        List<String> lines = new ArrayList<>();
        while (lines.size() < 6) {
            lines.add(out.readLine());
        }
        new ProcessBuilder("kill", "-INT", Long.toString(shell.pid())).start().waitFor();
        in.println("echo after");
        in.close();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
        }
        assertEquals(0, shell.waitFor());
        assertEquals("ready", lines.get(1), "no prompt on a pipe");
        assertEquals("procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----", lines.get(2));
        assertEquals("after", lines.get(lines.size() - 1), "the shell went on: " + lines);
    }

    /** A scenario whose sixth line, an hour of a loop's sweeping, takes minutes: after its first line has printed. */
    private Path longRun() throws IOException {
        Path scenario = dir.resolve("long.mms");
        Files.writeString(scenario, "spawn a\na malloc m 64M\na touch m write\na loop m\necho first line\ntick 3600s\n"
                + "echo never\n");
        return scenario;
    }

    private static void kill(Process process, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
    }

    /**
     * A line's output is written as the line ends, not at the end of the run: a run stopped by SIGINT (Ctrl-C) or
     * SIGTERM ({@code timeout}) in its long sixth line has printed its first, and says where it stopped; its status
     * is the shell's for the signal.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"INT", "TERM"})
    @org.junit.jupiter.api.Timeout(120)
    void aRunStoppedByASignalHasPrintedItsLinesAndSaysWhereItStopped(String signal) throws Exception {
        Path scenario = longRun();
        Process run = new ProcessBuilder(command(false, "run", scenario.toString())).start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("first line", out.readLine(), "printed before the run ends");
        kill(run, signal);
        assertEquals(null, out.readLine());
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(signal.equals("INT") ? 130 : 143, run.waitFor());
        assertEquals("mm: stopped at " + scenario + ":6 (SIG" + signal + ")\n", err);
    }

    /** With --json, a stopped run prints one whole document: the lines that ran, and where and why it stopped. */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aRunStoppedByASignalPrintsTheJsonOfItsLines() throws Exception {
        Path scenario = longRun();
        Process run = new ProcessBuilder(command(false, "run", scenario.toString(), "--json")).start();
        // Nothing shows when the hour began: time enough for the JVM, the boot and the five short lines (about 2 s
        // here) on a machine several times slower, and far from the hour's end (minutes).
        Thread.sleep(15_000);
        kill(run, "TERM");
        JsonNode json = new ObjectMapper().readTree(run.getInputStream().readAllBytes());
        assertEquals(143, run.waitFor());
        assertEquals("{\"line\":6,\"signal\":\"SIGTERM\"}", json.get("stopped").toString());
        assertEquals("first line\n", json.get("output").get(0).get("text").asText());
        assertEquals(1, json.get("output").size());
        assertTrue(json.get("vmstat").get("pgfault").asLong() > 16384, json.get("vmstat").toString());
    }
}
