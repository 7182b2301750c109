package org.mmsim.trace.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mmsim.trace.SharedTraces;

/** Every shared trace decodes to the request and distinct-key counts its README states (counted independently). */
class SharedTraceCountsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "lirs/2_pools.trace.gz, , 100000, 9939",
            "lirs/backf.trace.gz, , 9000, 751",
            "lirs/cpp.trace.gz, , 9047, 1223",
            "lirs/cs.trace.gz, , 6781, 1409",
            "lirs/gli.trace.gz, , 6015, 2529",
            "lirs/loop.trace.gz, , 505500, 1011",
            "lirs/multi1.trace.gz, , 15858, 2606",
            "lirs/multi2.trace.gz, , 26311, 5684",
            "lirs/multi3.trace.gz, , 30241, 7454",
            "lirs/ps.trace.gz, , 10448, 3083",
            "lirs/scan.trace.gz, , 50025, 2001",
            "lirs/sprite.trace.gz, , 133996, 7075",
            "lirs/zigzag.trace.gz, , 52001, 2001",
            "address/gcc.trace.gz, , 515683, 35070",
            "address/gzip.trace.gz, , 481044, 160167",
            "address/mcf.trace.gz, , 727230, 719685",
            "address/swim.trace.gz, , 303193, 22605",
            "address/twolf.trace.gz, , 482824, 7354",
            "binary/w106.trace.xz, u32be, 5292456, 275171",
            "binary/orm-busy.trace.xz, i32be, 5000000, 76349",
            "binary/orm-night.trace.xz, i32be, 5000000, 86466",
            "binary/web07.trace.xz, i32be, 76118, 20484",
            "binary/web12.trace.xz, i32be, 95607, 13756",
            "binary/scarab-recs.trace.xz, i64be, 1245184, 258368",
            "binary/trace_vaultservice.gz, i64be, 135702, 90468",
    })
    void decodesToTheReadmeCounts(String path, String format, long requests, long distinct) {
        long[] keys = Keys.of(SharedTraces.file(path), format == null ? TraceOptions.detect() : TraceOptions.of(TraceFormat.byName(format)));
        assertEquals(requests, keys.length, "requests");
        assertEquals(distinct, Keys.distinct(keys), "distinct keys");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "address/gcc.trace.gz, 294",
            "address/gzip.trace.gz, 39856",
            "address/mcf.trace.gz, 1442",
            "address/swim.trace.gz, 135",
            "address/twolf.trace.gz, 89",
    })
    void addressTracesHaveTheReadmesDistinctPages(String path, long pages) {
        long[] keys = Keys.of(SharedTraces.file(path), new TraceOptions(Optional.empty(), Optional.of(4096L), 1, ',', false));
        assertEquals(pages, Keys.distinct(keys));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "lackey/ls.lackey.xz, 3779251, 335",
            "lackey/gzip.lackey.xz, 2378039, 196",
            "lackey/sort.lackey.xz, 2028337, 256",
    })
    void lackeyTracesTouchTheReadmesPages(String path, long accesses, long pages) {
        long[] keys = Keys.of(SharedTraces.file(path), TraceOptions.detect());
        assertEquals(pages, Keys.distinct(keys), "distinct 4 KiB pages");
        // Each access is one request, and one more for each access that straddles a page boundary.
        assertTrue(keys.length >= accesses && keys.length < accesses + accesses / 100, keys.length + " requests");
    }
}
