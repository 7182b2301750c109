package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void anUnknownKindIsOneLineAndStatusTwo() {
        MainTest.Outcome outcome = MainTest.mm("exercise", "nosuch");
        assertEquals(2, outcome.status());
        assertTrue(outcome.err().contains("unknown exercise 'nosuch'; expected one of translate, buddy, replace, oom"),
                outcome.err());
    }
}
