package org.mmsim.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.spi.BadInputException;
import org.mmsim.trace.format.TraceException;
import org.mmsim.trace.format.TraceFormat;
import org.mmsim.trace.format.TraceOptions;
import org.mmsim.trace.replay.ReplayOutcome;
import org.mmsim.trace.replay.ReplayResult;

/** The library's doors, used as a program outside mmsim would use them. */
class TraceLibraryTest {
    /** A loop over 4 keys and a 3-page cache: LRU and FIFO miss every time, OPT keeps 2 of the 3 resident. */
    private static final String LOOP = "1\n2\n3\n4\n1\n2\n3\n4\n1\n2\n3\n4\n";

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aReplayOfListsGivesOneResultPerPairPolicyMajor() throws IOException {
        ReplayOutcome outcome = Replay.of(Trace.open(file("loop.txt", LOOP))).policies("lru", "opt")
                .capacities(3, 4).threads(2).run();
        assertEquals(TraceFormat.TEXT, outcome.format().orElseThrow());
        assertEquals(12, outcome.requests());
        assertEquals(4, outcome.distinct());
        List<ReplayResult> r = outcome.results();
        assertEquals(List.of("lru 3 0", "lru 4 8", "opt 3 6", "opt 4 8"),
                r.stream().map(x -> x.policy() + " " + x.capacity() + " " + x.hits()).toList(),
                "LRU thrashes a loop one page larger than the cache; OPT (Belady) hits 6 of the 8 warm requests (1 2 _ 4 1 _ 3 4)");
        assertThrows(UnsupportedOperationException.class, () -> r.add(r.get(0)), "results are immutable");
    }

    @Test
    void aStreamDecompressedByItsMagicBytesReplaysLikeTheFile() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(LOOP.getBytes(StandardCharsets.US_ASCII));
        }
        Trace stream = Trace.open("loop.gz", new ByteArrayInputStream(gz.toByteArray()), TraceOptions.detect());
        assertArrayEquals(new long[] {1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4}, stream.keys());
        assertThrows(IllegalStateException.class, stream::keys, "a stream is read once");
    }

    @Test
    void aReaderOfOneFormatOfYourOwn() throws IOException {
        // Keys as hex words separated by spaces: a format mmsim does not know.
        Path hex = file("keys.hex", "a b c a b c ff");
        Trace trace = Trace.open(hex, (in, sink) -> {
            for (String word : new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split(" +")) {
                sink.accept(Long.parseLong(word, 16));
            }
        });
        assertArrayEquals(new long[] {10, 11, 12, 10, 11, 12, 255}, trace.keys());
        ReplayOutcome outcome = Replay.of(trace).policies("lru").capacities(3).run();
        assertTrue(outcome.format().isEmpty(), "a third-party format has no name of mmsim's");
        assertEquals(3, outcome.results().get(0).hits());
    }

    @Test
    void theExactCurveIsLruAtEverySize() throws IOException {
        Trace trace = Trace.open(file("mixed.txt", "1\n2\n1\n3\n2\n4\n1\n2\n3\n4\n5\n1\n"));
        MissRatioCurve curve = MissRatioCurve.exact(trace);
        assertEquals(12, curve.requests());
        assertEquals(5, curve.distinctKeys());
        assertEquals(5, curve.coldMisses());
        ReplayOutcome lru = Replay.of(trace).policies("lru").capacities(1, 2, 3, 4, 5, 6).run();
        for (ReplayResult r : lru.results()) {
            assertEquals(r.missRatio(), curve.missRatio(r.capacity()), 1e-12, "capacity " + r.capacity());
        }
        assertEquals(1.0, curve.missRatio(0));
    }

    @Test
    void badInputIsOneLineNamingWhatWasWrong() throws IOException {
        Trace trace = Trace.open(file("t.txt", LOOP));
        assertEquals("policy lruu: unknown replacement policy 'lruu'; did you mean 'lru'?",
                assertThrows(BadInputException.class, () -> Replay.of(trace).policies("lruu").capacities(3).run())
                        .getMessage());
        assertEquals("policy nope: unknown replacement policy 'nope'; expected one of " + String.join(", ",
                        org.mmsim.trace.plugin.PolicyRegistry.load(java.util.Optional.empty()).replacementPolicies().stream()
                                .map(p -> p.provider().name()).toList()),
                assertThrows(BadInputException.class, () -> Replay.of(trace).policies("nope").capacities(3).run())
                        .getMessage());
        assertThrows(BadInputException.class, () -> Replay.of(trace).policies("lru").capacities("0").run());
        assertThrows(BadInputException.class, () -> Replay.of(trace).policies("lru").run());
        TraceException missing = assertThrows(TraceException.class,
                () -> Replay.of(Trace.open(dir.resolve("none.txt"))).policies("lru").capacities(3).run());
        assertTrue(missing.getMessage().endsWith("none.txt: no such file; expected a trace file"), missing.getMessage());
    }

    @Test
    void testsRunInsideTheTraceModuleWhichRequiresOnlyTheSpiOfMmsim() {
        assertEquals("org.mmsim.trace", getClass().getModule().getName());
        assertEquals(java.util.Set.of("org.mmsim.spi"), getClass().getModule().getDescriptor().requires().stream()
                .map(java.lang.module.ModuleDescriptor.Requires::name).filter(n -> n.startsWith("org.mmsim"))
                .collect(java.util.stream.Collectors.toSet()));
    }
}
