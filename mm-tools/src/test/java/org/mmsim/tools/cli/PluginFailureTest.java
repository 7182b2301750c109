package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.api.Machine;
import org.mmsim.api.MachineConfig;
import org.mmsim.spi.PluginFailureException;
import org.mmsim.spi.watchdog.PluginWatch;
import org.mmsim.tools.Console;
import org.mmsim.tools.Mmsim;

/**
 * A plugin that breaks its contract in a machine's run is named with the call it failed in and the scenario line,
 * exit status 1, no Java class; one that never returns is stopped by the watchdog within its budget. (The plugins
 * that loop for ever, which would keep a thread of this JVM spinning, are {@code PluginWatchdogIT}'s.)
 */
class PluginFailureTest {
    /** Reclaim, and so evict(), from line 4: 40M of anonymous memory on a machine of 32M with swap. */
    private static final String SCENARIO = "machine ram=32M swap=64M\necho first line\nspawn app\n"
            + "app malloc buf 40M\napp touch buf write\n";

    @TempDir
    Path dir;
    private Path plugins;
    private Path scenario;

    @BeforeEach
    void plugins() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        HostilePolicies.jar(plugins);
        scenario = Files.writeString(dir.resolve("fill.mms"), SCENARIO);
    }

    private MainTest.Outcome run(String policy) {
        return MainTest.mm("run", scenario.toString(), "--plugin-path", plugins.toString(), "--machine", "policy=" + policy);
    }

    @Test
    void aCreateThatReturnsNullOrThrowsIsNamed() {
        assertEquals(new MainTest.Outcome(1, "", "mm: policy 'null-create' failed: create() returned null\n"),
                run("null-create"));
        assertEquals(new MainTest.Outcome(1, "", "mm: policy 'throwing-create' failed in create(): no room for my tables\n"),
                run("throwing-create"));
    }

    @Test
    void parametersThatThrowAreNamed() {
        assertEquals(new MainTest.Outcome(1, "", "mm: policy 'throwing-parameters' failed in parameters(): lost my "
                + "parameters\n"), run("throwing-parameters"));
    }

    @Test
    void aStackOverflowInOnInsertIsNamedWithItsLine() {
        MainTest.Outcome outcome = run("overflowing");
        assertEquals(1, outcome.status(), outcome.err());
        assertTrue(outcome.err().matches("mm: policy 'overflowing' failed in onInsert\\(\\)( at \\S+:\\d+)?: stack overflow "
                + "\\(unbounded recursion\\?\\)\n"), outcome.err());
    }

    @Test
    void anEvictThatSleepsIsStoppedByTheWatchdogAfterItsBudget() {
        System.setProperty(PluginWatch.TIMEOUT_PROPERTY, "1");
        try {
            long start = System.nanoTime();
            MainTest.Outcome outcome = run("sleeping");
            assertEquals(1, outcome.status(), outcome.err());
            assertEquals("mm: policy 'sleeping' failed in evict() at " + scenario + ":5: no progress for 1 s\n",
                    outcome.err());
            assertTrue(outcome.out().startsWith("first line\n"), "the lines before are printed: " + outcome.out());
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "stopped within its budget");
        } finally {
            System.clearProperty(PluginWatch.TIMEOUT_PROPERTY);
        }
    }

    /** create() and parameters() are plugin calls like any: watched, in a replay and a run alike. */
    @Test
    void aCreateOrParametersThatSleepsIsStoppedToo() throws Exception {
        System.setProperty(PluginWatch.TIMEOUT_PROPERTY, "1");
        try {
            Path trace = Files.writeString(dir.resolve("t.txt"), "1\n2\n3\n1\n");
            MainTest.Outcome replay = MainTest.mm("replay", "--trace", trace.toString(), "--plugin-path", plugins.toString(),
                    "--policy", "sleeping-create,lru", "--capacity", "2");
            assertEquals(1, replay.status(), replay.err());
            assertEquals("mm: policy 'sleeping-create' failed in create() after request 0: no progress for 1 s\n", replay.err());
            assertTrue(replay.out().lines().anyMatch(l -> l.matches("lru +2 +4 +0 +4 .*")), replay.out());
            assertEquals(new MainTest.Outcome(1, "", "mm: policy 'sleeping-parameters' failed in parameters(): no progress "
                    + "for 1 s\n"), run("sleeping-parameters"));
        } finally {
            System.clearProperty(PluginWatch.TIMEOUT_PROPERTY);
        }
    }

    /** The library's doors are watched as the command line is: a console line whose evict() sleeps is stopped. */
    @Test
    void aConsoleLineWhosePluginSleepsIsStoppedAndTheMachineTakesNoMore() {
        System.setProperty(PluginWatch.TIMEOUT_PROPERTY, "1");
        try {
            Machine machine = Mmsim.boot(MachineConfig.builder().ramBytes(32L << 20).swapBytes(64L << 20)
                    .replacementPolicy("sleeping").build(), plugins);
            Console console = Console.of(machine);
            console.run("spawn app");
            console.run("app malloc buf 40M");
            PluginFailureException stopped = assertThrows(PluginFailureException.class, () -> console.run("app touch buf write"));
            assertEquals("policy 'sleeping' failed in evict() at mmsim:3: no progress for 1 s", stopped.getMessage());
            assertSame(stopped, assertThrows(PluginFailureException.class, () -> console.run("echo again")));
        } finally {
            System.clearProperty(PluginWatch.TIMEOUT_PROPERTY);
        }
    }
}
