package org.mmsim.tools.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a scenario into command lines, the way a shell reads a script: words separated by blanks, double quotes
 * around a word with blanks in it, and {@code #} starting a comment where a word could start. Blank and comment-only
 * lines are skipped.
 */
public final class ScenarioParser {
    private ScenarioParser() {
    }

    /**
     * Parses every line of a scenario.
     *
     * @param file the name errors report
     * @throws ScenarioException for an unterminated quote
     */
    public static List<ScenarioLine> parse(String file, List<String> lines) {
        List<ScenarioLine> parsed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            List<String> words = words(file, i + 1, lines.get(i));
            if (!words.isEmpty()) {
                parsed.add(new ScenarioLine(file, i + 1, words));
            }
        }
        return parsed;
    }

    static List<String> words(String file, int number, String line) {
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
