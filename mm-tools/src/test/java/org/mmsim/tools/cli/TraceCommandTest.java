package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.tools.cli.MainTest.mm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Assumptions;

class TraceCommandTest {
    private static final String SMALL = String.join("\n",
            "==7== Lackey, an example Valgrind tool",
            "I  00401000,4",
            " L 00402ffe,4",
            " S 00403000,8",
            " M 00404000,4",
            "==7== guest instrs: 1", "");

    @TempDir
    Path dir;

    /** A real trace of ../shared/traces (the tests run in the module's directory), or the test is skipped, saying so. */
    private static Path sharedTrace(String relative) {
        Path file = Path.of("../../shared/traces", relative).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(file), () -> file + " is absent: the tests on real traces are skipped");
        return file;
    }

    private static JsonNode json(String... args) throws IOException {
        MainTest.Outcome outcome = mm(args);
        assertEquals(0, outcome.status(), outcome.err());
        return new ObjectMapper().readTree(outcome.out());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static long lookups(JsonNode tlb) {
        long n = 0;
        for (String level : new String[] {"l1d", "l1i"}) {
            n += tlb.get(level).get("hits").asLong() + tlb.get(level).get("misses").asLong();
        }
        return n;
    }

    /**
     * Every walk reads one entry a level down to the PTE, except the first walk of a faulting access, which may stop
     * at the first entry not present.
     */
    private static void assertWalkSteps(JsonNode r, int levels) {
        long walks = r.get("pageWalks").asLong();
        long faults = r.get("minorFaults").asLong() + r.get("majorFaults").asLong();
        long steps = r.get("walkSteps").asLong();
        assertTrue(steps <= levels * walks && steps >= levels * (walks - faults) + faults,
                steps + " entries read in " + walks + " walks, " + faults + " of them faulting, " + levels + " levels");
    }

    /** The README's counts of each lackey trace: accesses, and distinct 4 KiB pages counted with straddles. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ls.lackey.xz, 3779251, 335", "gzip.lackey.xz, 2378039, 196", "sort.lackey.xz, 2028337, 256"})
    void everyDistinctPageOfARealProgramIsOneMinorFault(String name, long accesses, long pages) throws IOException {
        Path trace = sharedTrace("lackey/" + name);
        JsonNode r = json("trace", trace.toString(), "--json");
        assertEquals("lackey", r.get("format").asText());
        assertEquals(accesses, r.get("accesses").asLong());
        assertEquals(pages, r.get("distinctPages").asLong());
        assertEquals(pages, r.get("minorFaults").asLong(), "with memory to spare, one demand-zero fault a page");
        assertEquals(0, r.get("majorFaults").asLong());
        assertEquals(0, r.get("segfaults").asLong());
        assertTrue(r.get("pageTouches").asLong() > accesses, "some accesses straddle two pages");
        assertEquals(r.get("pageTouches").asLong() + pages, lookups(r.get("tlb")),
                "a lookup per page touched, and one more when the access retries after its fault");
        assertWalkSteps(r, 4);
        assertTrue(r.get("pageWalks").asLong() >= r.get("tlb").get("stlb").get("misses").asLong());
        assertEquals(pages * 4, r.get("vmHwmKb").asLong());
    }

    /** The README's counts of the UCSD address traces: one-byte accesses, so no straddles; low pages included. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"gcc.trace.gz, 515683, 294", "gzip.trace.gz, 481044, 39856", "mcf.trace.gz, 727230, 1442",
        "swim.trace.gz, 303193, 135", "twolf.trace.gz, 482824, 89"})
    void addressTracesToo(String name, long accesses, long pages) throws IOException {
        JsonNode r = json("trace", sharedTrace("address/" + name).toString(), "--json");
        assertEquals("address", r.get("format").asText());
        assertEquals(accesses, r.get("accesses").asLong());
        assertEquals(accesses, r.get("pageTouches").asLong());
        assertEquals(pages, r.get("distinctPages").asLong());
        assertEquals(pages, r.get("minorFaults").asLong());
        assertEquals(0, r.get("segfaults").asLong());
        assertEquals(0, r.get("tlb").get("l1i").get("hits").asLong() + r.get("tlb").get("l1i").get("misses").asLong(),
                "the format has no instruction fetches");
    }

    @Test
    void straddlesTouchBothPagesAndAModifyCountsOnce() throws IOException {
        JsonNode r = json("trace", write("small.lackey", SMALL).toString(), "--json");
        assertEquals(4, r.get("accesses").asLong());
        assertEquals(5, r.get("pageTouches").asLong());
        assertEquals(4, r.get("distinctPages").asLong());
        assertEquals(4, r.get("minorFaults").asLong());
        assertEquals(4, r.get("pageWalks").asLong() - 4, "each fault's walk, then the retry's walk");
    }

    @Test
    void mapsGiveRealMappingsAndAnAccessOutsideIsASegfault() throws IOException {
        Path maps = write("maps", String.join("\n",
                "00401000-00402000 r-xp 00000000 08:01 1234                               /usr/bin/tiny",
                "00402000-00404000 rw-p 00000000 00:00 0                                  [heap]",
                "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]", ""));
        JsonNode r = json("trace", write("small.lackey", SMALL).toString(), "--maps", maps.toString(), "--json");
        assertEquals(1, r.get("majorFaults").asLong(), "the text page is read from the file");
        assertEquals(3, r.get("minorFaults").asLong(), "two zero-page reads, then the store's copy-on-write");
        assertEquals(1, r.get("segfaults").asLong(), "0x404000 is outside every mapping");
    }

    @Test
    void fiveLevelPagingReadsFiveEntriesAWalk() throws IOException {
        JsonNode r = json("trace", write("small.lackey", SMALL).toString(), "--machine", "levels=5", "--json");
        assertWalkSteps(r, 5);
    }

    @Test
    void theSameTraceGivesTheSameCounts() throws IOException {
        Path trace = write("small.lackey", SMALL);
        ObjectNode first = (ObjectNode) json("trace", trace.toString(), "--json");
        ObjectNode second = (ObjectNode) json("trace", trace.toString(), "--json");
        for (ObjectNode r : new ObjectNode[] {first, second}) {
            r.remove("seconds");
            r.remove("accessesPerSecond");
        }
        assertEquals(first, second);
    }

    @Test
    void aBadRecordIsOneLineAndStatusTwo() throws IOException {
        Path trace = write("bad.lackey", "I  00401000,4\n L 0040zz00,4\n");
        MainTest.Outcome outcome = mm("trace", trace.toString(), "--format", "lackey");
        assertEquals(2, outcome.status());
        assertEquals("", outcome.out());
        assertTrue(outcome.err().matches("\\S*bad.lackey: record 2: ' L 0040zz00,4'; expected .*\\n"), outcome.err());
    }

    @Test
    void aBadMapsLineNamesFileAndLine() throws IOException {
        Path maps = write("maps", "00401000-00402000 r-xp 00000000 08:01 1 /bin/x\nnot a maps line\n");
        MainTest.Outcome outcome = mm("trace", write("small.lackey", SMALL).toString(), "--maps", maps.toString());
        assertEquals(2, outcome.status());
        assertTrue(outcome.err().matches("\\S*maps:2: 'not a maps line'; expected START-END .*\\n"), outcome.err());
    }

    @Test
    void aKeyTraceIsNotAnAddressTrace() throws IOException {
        MainTest.Outcome outcome = mm("trace", write("keys.txt", "1\n2\n3\n").toString());
        assertEquals(2, outcome.status());
        assertTrue(outcome.err().contains("holds keys, not addresses; expected lackey or address"), outcome.err());
    }

    @Test
    void aBadMachineKeyIsStatusTwo() throws IOException {
        MainTest.Outcome outcome = mm("trace", write("small.lackey", SMALL).toString(), "--machine", "colour=blue");
        assertEquals(2, outcome.status());
        assertTrue(outcome.err().contains("unknown machine key 'colour'"), outcome.err());
    }
}
