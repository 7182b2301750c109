package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    @TempDir
    Path dir;

    private Path trace(String text) throws IOException {
        Path file = dir.resolve("r.trace");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void onePairIsOneJsonObjectWithTheDocumentedFields() throws IOException {
        MainTest.Outcome outcome = MainTest.mm("replay", "--trace", trace("1\n2\n1\n3\n1\n2\n").toString(),
                "--policy", "lru", "--capacity", "2", "--json");
        assertEquals(0, outcome.status(), outcome.err());
        JsonNode result = new ObjectMapper().readTree(outcome.out());
        assertEquals("lru", result.get("policy").asText());
        assertEquals(2, result.get("capacity").asInt());
        assertEquals(6, result.get("requests").asLong());
        // 1 2 miss, 1 hit, 3 evicts 2, 1 hit, 2 evicts 3.
        assertEquals(2, result.get("hits").asLong());
        assertEquals(4, result.get("misses").asLong());
        assertEquals(4 / 6.0, result.get("missRatio").asDouble(), 1e-12);
        assertTrue(result.has("seconds") && result.has("requestsPerSecond"));
        assertEquals(8, result.size());
    }

    @Test
    void listsGiveAnArrayInPolicyMajorOrder() throws IOException {
        MainTest.Outcome outcome = MainTest.mm("replay", "--trace", trace("1\n2\n3\n1\n").toString(),
                "--policy", "lru,fifo", "--capacity", "1,3", "--json");
        assertEquals(0, outcome.status(), outcome.err());
        JsonNode results = new ObjectMapper().readTree(outcome.out());
        assertEquals(4, results.size());
        assertEquals("lru", results.get(0).get("policy").asText());
        assertEquals(3, results.get(1).get("capacity").asInt());
        assertEquals("fifo", results.get(2).get("policy").asText());
        assertEquals(1, results.get(1).get("hits").asLong());
    }

    @Test
    void theHumanTableNamesTheTraceAndEveryPair() throws IOException {
        MainTest.Outcome outcome = MainTest.mm("replay", "--trace", trace("1\n2\n1\n").toString(), "--policy", "lru,fifo",
                "--capacity", "2");
        assertEquals(0, outcome.status(), outcome.err());
        String[] lines = outcome.out().split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].endsWith("(text): 3 requests, 2 distinct keys"), lines[0]);
        assertTrue(lines[2].startsWith("lru ") && lines[3].startsWith("fifo"), outcome.out());
    }

    @Test
    void badInputIsOneLineAndStatusTwo() throws IOException {
        Path good = trace("1\n2\n");
        assertEquals(new MainTest.Outcome(2, "", "--capacity: capacity '0'; expected a whole number of pages from 1 to 268435456, "
                + "or a share of the distinct keys such as 10%\n"), MainTest.mm("replay", "--trace", good.toString(),
                "--policy", "lru", "--capacity", "0"));
        MainTest.Outcome unknown = MainTest.mm("replay", "--trace", good.toString(), "--policy", "nope", "--capacity", "2");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("--policy nope: unknown replacement policy 'nope'; expected one of "), unknown.err());
        Path bad = trace("1\n2\nx7\n");
        MainTest.Outcome outcome = MainTest.mm("replay", "--trace", bad.toString(), "--format", "text", "--policy", "lru",
                "--capacity", "2");
        assertEquals(new MainTest.Outcome(2, "", bad + ": record 3: 'x7'; expected one decimal key per line\n"), outcome);
        MainTest.Outcome detected = MainTest.mm("replay", "--trace", bad.toString(), "--policy", "lru", "--capacity", "2");
        assertTrue(detected.err().startsWith(bad + ": cannot tell the format from line 3 'x7'; expected --format"), detected.err());
        MainTest.Outcome format = MainTest.mm("replay", "--trace", good.toString(), "--policy", "lru", "--capacity", "2",
                "--format", "parquet");
        assertEquals(2, format.status());
        assertEquals(1, format.err().lines().count());
    }

    @Test
    void bothSpellingsOfThePoliciesAndCapacitiesAreOneOption() throws IOException {
        Path file = trace("1\n2\n1\n3\n");
        MainTest.Outcome singular = MainTest.mm("replay", "--trace", file.toString(), "--policy", "lru", "--capacity", "2");
        MainTest.Outcome plural = MainTest.mm("replay", "--trace", file.toString(), "--policies", "lru", "--capacities", "2");
        assertEquals(0, plural.status(), plural.err());
        assertEquals(singular.out().lines().skip(2).map(l -> l.substring(0, 60)).toList(),
                plural.out().lines().skip(2).map(l -> l.substring(0, 60)).toList(), "the same pair, but its time");
    }

    @Test
    void anUnknownOptionIsNamedAsUnknownWithTheNearestOne() throws IOException {
        MainTest.Outcome outcome = MainTest.mm("replay", "--trace", trace("1\n").toString(), "--polcy", "lru",
                "--capacity", "2");
        assertEquals(new MainTest.Outcome(2, "", "mm replay: unknown option '--polcy'; did you mean '--policy'? "
                + "(see 'mm replay --help')\n"), outcome);
        assertEquals("mm replay: Missing required option: '--capacity=N' (see 'mm replay --help')\n",
                MainTest.mm("replay", "--trace", "t", "--policy", "lru").err(), "named as documented");
    }

    @Test
    void aPolicyThatThrowsFailsItsPairsAloneWithTheRequestAndStatusOne() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        ThrowingPolicy.jar(plugins);
        Path file = trace("1\n2\n3\n4\n1\n");
        String error = "policy 'throwing' failed: threw at request 3: out of ideas";
        MainTest.Outcome outcome = MainTest.mm("replay", "--plugin-path", plugins.toString(), "--trace", file.toString(),
                "--policy", "lru,throwing", "--capacity", "2");
        assertEquals(1, outcome.status(), outcome.err());
        List<String> lines = outcome.out().lines().toList();
        assertEquals(4, lines.size(), outcome.out());
        assertTrue(lines.get(2).matches("lru +2 +5 +0 +5 +1\\.0000 .*"), lines.get(2));
        assertEquals("throwing           2  " + error, lines.get(3));
        assertEquals("mm: " + error + "\n", outcome.err());
        JsonNode json = new ObjectMapper().readTree(MainTest.mm("replay", "--plugin-path", plugins.toString(), "--trace",
                file.toString(), "--policy", "lru,throwing", "--capacity", "2", "--json").out());
        assertTrue(!json.get(0).has("error"), json.toString());
        assertEquals(error, json.get(1).get("error").asText());
        assertEquals(2, json.get(1).get("requests").asLong(), "the requests before the one it threw at");
    }
}
