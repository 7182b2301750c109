package org.mmsim.tools.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a scenario into command lines, the way a shell reads a script: words separated by blanks, double quotes
 * around a word with blanks in it, and {@code #} starting a comment where a word could start. Blank and comment-only
 * lines are skipped.
 */
final class ScenarioParser {
    private ScenarioParser() {
    }

    /**
     * Parses one line of a scenario.
     *
     * @param file the name errors report
     * @param number the line's number in the file, from 1
     * @return the line, or empty for a blank or comment-only line
     * @throws ScenarioException for an unterminated quote
     */
    static Optional<ScenarioLine> line(String file, int number, String text) {
        List<String> words = words(file, number, text);
        return words.isEmpty() ? Optional.empty() : Optional.of(new ScenarioLine(file, number, words));
    }

    private static List<String> words(String file, int number, String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                if (word == null) {
                    word = new StringBuilder();
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                word.append(c);
            }
        }
        if (quoted) {
            throw new ScenarioException(file + ":" + number + ": a quote is not closed; expected a closing \"");
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
