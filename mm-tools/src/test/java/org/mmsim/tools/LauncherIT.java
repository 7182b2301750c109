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
        return mm(command(modulePath, args));
    }

    private static Run mm(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
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
        assertEquals(new Run(0, "booted; one second of simulated time passes\n1.00 4.00\n", ""), run);
    }

    @ParameterizedTest(name = "module path: {0}")
    @ValueSource(booleans = {true, false})
    void aBadScenarioIsOneLineAndStatusTwo(boolean modulePath) throws Exception {
        Path bad = dir.resolve("bad.mms");
        Files.writeString(bad, "machine ram=lots\n");
        assertEquals(new Run(2, "", bad + ":1: bad size 'lots' for ram; expected a whole number with an optional K, M, G or T suffix\n"),
                mm(modulePath, "run", bad.toString()));
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
        Path oom = Files.writeString(dir.resolve("oom.mms"), "machine ram=32M swap=0\necho first line\nspawn app\n"
                + "app malloc buf 20M\napp touch buf write\napp malloc more 20M\napp touch more write\n");
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
}
