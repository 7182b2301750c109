package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.tools.cli.MainTest.mm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.trace.format.AccessSink;

/**
 * {@code ./mm trace --caches cachegrind} against real cachegrind (valgrind 3.19) runs of the same programs: the
 * figures below are what cachegrind printed, copied from its output without the {@code ==PID==} prefix
 * (docs/FIDELITY.md, "CPU caches against cachegrind", has the commands).
 */
class ExactCachegrindTest {
    @TempDir
    Path dir;

    /**
     * {@code /bin/true} (Debian 12's coreutils, the dynamic loader included), traced by lackey and run under cachegrind
     * on this machine in one and the same empty environment ({@code env -i}), so both saw the same addresses. The
     * geometries: cachegrind's usual L1s with an 8 MiB LL; small caches of three line sizes, the LL's lines twice the
     * D1's; and a D1 of 32-byte lines under an LL of 64.
     */
    static Stream<Arguments> trueUnderCachegrind() {
        return Stream.of(
                Arguments.of("32768,8,64", "32768,8,64", "8388608,16,64", """
                    I   refs:      109,173
                    I1  misses:      1,091
                    LLi misses:      1,072
                    I1  miss rate:    1.00%
                    LLi miss rate:    0.98%

                    D   refs:       36,110  (25,844 rd   + 10,266 wr)
                    D1  misses:      1,535  ( 1,193 rd   +    342 wr)
                    LLd misses:      1,306  (   994 rd   +    312 wr)
                    D1  miss rate:     4.3% (   4.6%     +    3.3%  )
                    LLd miss rate:     3.6% (   3.8%     +    3.0%  )

                    LL refs:         2,626  ( 2,284 rd   +    342 wr)
                    LL misses:       2,378  ( 2,066 rd   +    312 wr)
                    LL miss rate:      1.6% (   1.5%     +    3.0%  )
                    """),
                Arguments.of("16384,4,32", "8192,2,64", "262144,8,128", """
                    I   refs:      109,173
                    I1  misses:      1,970
                    LLi misses:        653
                    I1  miss rate:    1.80%
                    LLi miss rate:    0.60%

                    D   refs:       36,110  (25,844 rd   + 10,266 wr)
                    D1  misses:      2,667  ( 2,214 rd   +    453 wr)
                    LLd misses:        815  (   645 rd   +    170 wr)
                    D1  miss rate:     7.4% (   8.6%     +    4.4%  )
                    LLd miss rate:     2.3% (   2.5%     +    1.7%  )

                    LL refs:         4,637  ( 4,184 rd   +    453 wr)
                    LL misses:       1,468  ( 1,298 rd   +    170 wr)
                    LL miss rate:      1.0% (   1.0%     +    1.7%  )
                    """),
                Arguments.of("4096,4,64", "2048,2,32", "65536,16,64", """
                    I   refs:      109,173
                    I1  misses:      2,540
                    LLi misses:      1,112
                    I1  miss rate:    2.33%
                    LLi miss rate:    1.02%

                    D   refs:       36,110  (25,844 rd   + 10,266 wr)
                    D1  misses:      6,714  ( 5,270 rd   +  1,444 wr)
                    LLd misses:      1,480  ( 1,144 rd   +    336 wr)
                    D1  miss rate:    18.6% (  20.4%     +   14.1%  )
                    LLd miss rate:     4.1% (   4.4%     +    3.3%  )

                    LL refs:         9,254  ( 7,810 rd   +  1,444 wr)
                    LL misses:       2,592  ( 2,256 rd   +    336 wr)
                    LL miss rate:      1.8% (   1.7%     +    3.3%  )
                    """));
    }

    @ParameterizedTest(name = "I1={0} D1={1} LL={2}")
    @MethodSource("trueUnderCachegrind")
    void aProgramTracedAndCachegrindedInOneEnvironmentGivesCachegrindsWholeSummary(String i1, String d1, String ll,
            String cachegrind) throws IOException {
        assertEquals(cachegrind.stripTrailing() + "\n", summary(resource("true.lackey.xz"), "--I1=" + i1, "--D1=" + d1,
                "--LL=" + ll));
    }

    /**
     * The shared trace of gzip, against cachegrind run here on the same command and input: the code sat at the same
     * addresses and ran the same instructions, so the instruction side and the data references match cachegrind's
     * exactly. The stack did not sit at the same addresses: it holds the environment's strings, and the environment
     * the trace was made in is not this machine's, so cachegrind's data misses here (D1 11,469 and LLd 3,364 for the
     * first geometry, 61,791 and 1,881 for the second) are not the trace's. The data lines below are this model's, for
     * the trace; docs/FIDELITY.md shows the same difference between two real cachegrind runs in two environments.
     */
    @ParameterizedTest(name = "I1={0} D1={1} LL={2}")
    @CsvSource(delimiter = '|', textBlock = """
            32768,8,64 | 32768,8,64 | 8388608,16,64 | I1  misses:        1,374 | LLi misses:        1,348 | D1  misses:       11,431  (  9,323 rd   +   2,108 wr) | LLd misses:        3,364  (  1,379 rd   +   1,985 wr)
            16384,4,32 | 8192,2,64  | 262144,8,128  | I1  misses:        2,477 | LLi misses:          830 | D1  misses:       61,435  ( 57,880 rd   +   3,555 wr) | LLd misses:        1,881  (    872 rd   +   1,009 wr)
            """)
    void theSharedGzipTraceMatchesCachegrindsInstructionSide(String i1, String d1, String ll, String i1Misses,
            String liMisses, String d1Misses, String ldMisses) {
        Path gzip = Path.of("../../shared/traces/lackey/gzip.lackey.xz").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(gzip), gzip + " is missing: the shared traces must sit next to the repository");
        String out = summary(gzip, "--I1=" + i1, "--D1=" + d1, "--LL=" + ll);
        String[] lines = out.split("\n");
        assertEquals("I   refs:      1,768,856", lines[0]);
        assertEquals(i1Misses, lines[1]);
        assertEquals(liMisses, lines[2]);
        assertEquals("D   refs:        609,183  (383,864 rd   + 225,319 wr)", lines[6]);
        assertEquals(d1Misses, lines[7]);
        assertEquals(ldMisses, lines[8]);
    }

    @Test
    void theJsonCarriesCachegrindsEventCounts() throws IOException {
        MainTest.Outcome o = mm("trace", resource("true.lackey.xz").toString(), "--caches", "cachegrind",
                "--I1=32768,8,64", "--D1=32768,8,64", "--LL=8388608,16,64", "--json");
        assertEquals(0, o.status(), o.err());
        JsonNode caches = new ObjectMapper().readTree(o.out()).get("caches");
        // Ir I1mr; Dr D1mr Dw D1mw; the LL's references (the misses above) and ILmr DLmr DLmw.
        assertEquals(List.of(109173L, 1091L), List.of(caches.get("I1").get("fetches").asLong(),
                caches.get("I1").get("fetchMisses").asLong()));
        assertEquals(List.of(25844L, 1193L, 10266L, 342L), List.of(caches.get("D1").get("reads").asLong(),
                caches.get("D1").get("readMisses").asLong(), caches.get("D1").get("writes").asLong(),
                caches.get("D1").get("writeMisses").asLong()));
        JsonNode ll = caches.get("LL");
        assertEquals(List.of(1091L, 1072L, 1193L, 994L, 342L, 312L), List.of(ll.get("fetches").asLong(),
                ll.get("fetchMisses").asLong(), ll.get("reads").asLong(), ll.get("readMisses").asLong(),
                ll.get("writes").asLong(), ll.get("writeMisses").asLong()));
    }

    @Test
    void theTraceKindsAreTheCachesKinds() {
        assertEquals(AccessSink.FETCH, CacheHierarchy.FETCH);
        assertEquals(AccessSink.LOAD, CacheHierarchy.LOAD);
        assertEquals(AccessSink.STORE, CacheHierarchy.STORE);
        assertEquals(AccessSink.MODIFY, CacheHierarchy.MODIFY);
    }

    @Test
    void aGeometryCachegrindRefusesIsOneLine() throws IOException {
        MainTest.Outcome o = mm("trace", resource("true.lackey.xz").toString(), "--caches", "cachegrind",
                "--LL=3145728,16,64");
        assertEquals(2, o.status(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("--LL: 3145728,16,64: cache set count is not a power of two"), o.err());
    }

    @Test
    void cacheGeometriesWithoutACacheModelAreRefused() throws IOException {
        MainTest.Outcome o = mm("trace", resource("true.lackey.xz").toString(), "--D1=32768,8,64");
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().contains("expected them with --caches cachegrind"), o.err());
    }

    /** The summary lines of {@code ./mm trace FILE --caches cachegrind OPTIONS}, from {@code I   refs:} on. */
    private static String summary(Path trace, String... caches) {
        String[] args = new String[3 + caches.length];
        args[0] = "trace";
        args[1] = trace.toString();
        args[2] = "--caches=cachegrind";
        System.arraycopy(caches, 0, args, 3, caches.length);
        MainTest.Outcome o = mm(args);
        assertEquals(0, o.status(), o.err());
        String out = o.out().replace(System.lineSeparator(), "\n");
        return out.substring(out.indexOf("I   refs:"));
    }

    private Path resource(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            try (InputStream in = ExactCachegrindTest.class.getResourceAsStream(name)) {
                Files.copy(in, file);
            }
        }
        return file;
    }
}
