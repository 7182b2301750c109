package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ExerciseCommandTest {
    @Test
    void theSheetAndItsAnswers() {
        MainTest.Outcome sheet = MainTest.mm("exercise", "replace", "--seed", "5");
        assertEquals(0, sheet.status(), sheet.err());
        assertTrue(sheet.out().startsWith("Exercise replace, seed 5\n"), sheet.out());
        assertTrue(sheet.out().endsWith("(./mm exercise replace --seed 5 -c shows the answers)\n"), sheet.out());
        MainTest.Outcome answers = MainTest.mm("exercise", "replace", "--seed", "5", "-c");
        assertTrue(answers.out().startsWith(sheet.out().substring(0, sheet.out().lastIndexOf("\n(./mm"))), "the same sheet");
        assertTrue(answers.out().contains("\nAnswers:\n") && answers.out().contains(" misses of "), answers.out());
    }

    @Test
    void theCacheSheetItsAnswersAndItsJson() throws IOException {
        MainTest.Outcome sheet = MainTest.mm("exercise", "cache", "--seed", "4");
        assertEquals(0, sheet.status(), sheet.err());
        assertTrue(sheet.out().startsWith("Exercise cache, seed 4\n\nA "), sheet.out());
        assertTrue(sheet.out().contains("  offset     bits ") && !sheet.out().contains(", hit ratio "), sheet.out());
        MainTest.Outcome answers = MainTest.mm("exercise", "cache", "--seed", "4", "-c");
        assertTrue(answers.out().startsWith(sheet.out().substring(0, sheet.out().lastIndexOf("\n(./mm"))), "the same sheet");
        assertTrue(answers.out().contains("\nAnswers:\n") && answers.out().contains(", hit ratio "), answers.out());
        JsonNode json = new ObjectMapper().readTree(MainTest.mm("exercise", "cache", "--seed", "4", "-c", "--json").out());
        assertEquals("cache", json.get("kind").asText());
        assertEquals(4, json.get("seed").asLong());
        assertTrue(answers.out().contains(json.get("question").asText() + "\nAnswers:\n" + json.get("answer").asText()),
                "the JSON holds the sheet's question and answer: " + json);
        MainTest.Outcome bad = MainTest.mm("exercise", "cache", "--seed", "x");
        assertEquals(2, bad.status());
        assertEquals("mm exercise: Invalid value for option '--seed': 'x'; expected a whole number (see 'mm exercise "
                + "--help')\n", bad.err());
    }

    @Test
    void anUnknownKindIsOneLineAndStatusTwo() {
        MainTest.Outcome outcome = MainTest.mm("exercise", "nosuch");
        assertEquals(2, outcome.status());
        assertTrue(outcome.err().contains("unknown exercise 'nosuch'; expected one of translate, buddy, replace, oom, cache"),
                outcome.err());
    }
}
