package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/JSON.md names, for each command, exactly the fields its --json prints (an array's elements for arrays): every
 * field it prints, and every field it always prints (those whose meaning starts with "only" may be left out).
 */
class JsonDocTest {
    private static final Pattern SECTION = Pattern.compile("^## `\\./mm (\\S+)");
    private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| [^|]+ \\| (only )?");
    /** The mark of the fields a command prints only in some runs. */
    private static final String OPTIONAL = "?";

    @TempDir
    Path dir;

    @Test
    void everyTableNamesTheFieldsTheCommandPrints() throws IOException {
        Map<String, TreeSet<String>> documented = documented(Files.readAllLines(Path.of("../docs/JSON.md")));
        Path keys = dir.resolve("keys.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append(i * 7919 % 400).append('\n');
        }
        Files.writeString(keys, text);
        Path lackey = Files.writeString(dir.resolve("t.lackey"), "I  00401000,4\n L 00402ffe,4\n S 00403000,8\n");
        Path scenario = Files.writeString(dir.resolve("s.mms"), "machine ram=128M\nspawn a\nfree -m\n");
        Map<String, String[]> runs = new LinkedHashMap<>();
        runs.put("replay", new String[] {"replay", "--trace", keys.toString(), "--policy", "lru,arc", "--capacity", "10%"});
        runs.put("compare", new String[] {"compare", "--trace", keys.toString(), "--policies", "lru", "--capacities", "10"});
        runs.put("mrc", new String[] {"mrc", "--trace", keys.toString(), "--capacities", "10"});
        runs.put("trace", new String[] {"trace", lackey.toString()});
        runs.put("run", new String[] {"run", scenario.toString()});
        runs.put("exercise", new String[] {"exercise", "replace", "-c"});
        runs.put("plugins", new String[] {"plugins"});
        runs.put("bench", new String[] {"bench", "kmalloc", "--pairs", "2000", "--runs", "1"});
        assertEquals(new TreeSet<>(runs.keySet()), new TreeSet<>(documented.keySet()), "the commands documented");
        for (Map.Entry<String, String[]> run : runs.entrySet()) {
            List<String> args = new ArrayList<>(List.of(run.getValue()));
            args.add("--json");
            MainTest.Outcome outcome = MainTest.mm(args.toArray(String[]::new));
            assertEquals(0, outcome.status(), run.getKey() + ": " + outcome.err());
            JsonNode root = new ObjectMapper().readTree(outcome.out());
            JsonNode object = root.isArray() ? root.get(0) : root;
            TreeSet<String> printed = new TreeSet<>();
            object.fieldNames().forEachRemaining(printed::add);
            TreeSet<String> always = new TreeSet<>();
            TreeSet<String> all = new TreeSet<>();
            for (String field : documented.get(run.getKey())) {
                boolean optional = field.endsWith(OPTIONAL);
                String name = optional ? field.substring(0, field.length() - 1) : field;
                all.add(name);
                if (!optional) {
                    always.add(name);
                }
            }
            assertTrue(all.containsAll(printed), run.getKey() + ": printed " + printed + ", documented " + all);
            assertTrue(printed.containsAll(always), run.getKey() + ": printed " + printed + ", always " + always);
        }
    }

    /** Each section's fields: the first cell of its table's rows, marked {@link #OPTIONAL} if printed only at times. */
    private static Map<String, TreeSet<String>> documented(List<String> lines) {
        Map<String, TreeSet<String>> fields = new LinkedHashMap<>();
        TreeSet<String> current = null;
        for (String line : lines) {
            Matcher section = SECTION.matcher(line);
            Matcher row = ROW.matcher(line);
            if (section.find()) {
                current = new TreeSet<>();
                fields.put(section.group(1), current);
            } else if (current != null && row.find()) {
                current.add(row.group(1) + (row.group(2) == null ? "" : OPTIONAL));
            }
        }
        return fields;
    }
}
