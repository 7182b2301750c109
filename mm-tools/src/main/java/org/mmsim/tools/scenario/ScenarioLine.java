package org.mmsim.tools.scenario;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmsim.spi.NearestName;
import org.mmsim.tools.units.Sizes;

/**
 * One command line of a scenario, split into words, with where it came from so every error can say FILE:LINE.
 *
 * @param file the scenario's name as the user gave it
 * @param number the 1-based line number
 * @param words the words, comments removed, quotes resolved
 */
public record ScenarioLine(String file, int number, List<String> words) {
    public ScenarioLine {
        words = List.copyOf(words);
    }

    /** The verb: the first word. */
    public String verb() {
        return words.get(0);
    }

    /**
     * The command a missing word belongs to: the verb, or {@code NAME VERB} for a process verb (whose usage starts with
     * NAME), so that {@code prog malloc x} needs SIZE, not {@code prog}.
     */
    private String command(String usage) {
        return usage.startsWith("NAME ") && words.size() > 1 ? words.get(0) + " " + words.get(1) : verb();
    }

    /** An error at this line: {@code FILE:LINE: message}. */
    public ScenarioException error(String message) {
        return new ScenarioException(file + ":" + number + ": " + message);
    }

    /**
     * The word at {@code index}, or an error saying it is missing.
     *
     * @param what what the word stands for in the usage, such as {@code DURATION}
     * @param usage the verb's usage, shown as what was expected
     */
    public String word(int index, String what, String usage) {
        if (index >= words.size()) {
            throw error(command(usage) + " needs " + what + "; expected " + usage);
        }
        return words.get(index);
    }

    /** A size word, such as {@code 4096}, {@code 64K} or {@code 1G}, or an error saying what is wrong with it. */
    public long size(String text) {
        try {
            return Sizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** An error unless the line has exactly {@code count} words. */
    public void expectWords(int count, String usage) {
        if (words.size() < count) {
            String[] form = usage.split(" ");
            String missing = words.size() < form.length ? form[words.size()] : "more arguments";
            throw error(command(usage) + " needs " + missing + "; expected " + usage);
        }
        if (words.size() > count) {
            throw error("unexpected '" + words.get(count) + "' after " + String.join(" ", words.subList(0, count))
                    + "; expected " + usage);
        }
    }

    /**
     * The {@code key=value} words from {@code from} on, in order, each key one of {@code keys}.
     *
     * @throws ScenarioException for a word that is not key=value, a key given twice, or a key not in {@code keys}
     *     (with the nearest one)
     */
    public Map<String, String> options(int from, String usage, Collection<String> keys) {
        Map<String, String> values = keyValues(from, usage);
        for (String key : values.keySet()) {
            if (!keys.contains(key)) {
                String verb = usage.startsWith("NAME ") && words.size() > 1 ? words.get(1) : verb();
                throw error("unknown option '" + key + "' for " + verb + NearestName.expected(key, keys));
            }
        }
        return values;
    }

    /**
     * The {@code key=value} words from {@code from} on, in order, whatever their keys (the caller checks them).
     *
     * @throws ScenarioException for a word that is not key=value, or a key given twice
     */
    public Map<String, String> keyValues(int from, String usage) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = from; i < words.size(); i++) {
            String word = words.get(i);
            int eq = word.indexOf('=');
            if (eq <= 0 || eq == word.length() - 1) {
                throw error("'" + word + "'; expected KEY=VALUE, as in " + usage);
            }
            if (values.put(word.substring(0, eq), word.substring(eq + 1)) != null) {
                throw error(word.substring(0, eq) + " given twice; expected each key once");
            }
        }
        return values;
    }
}
