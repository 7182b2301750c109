package org.mmsim.tools.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.mmsim.spi.NearestName;
import org.mmsim.tools.proc.ProcFiles;

/** The verbs a scenario can use, by name: the core ones and each layer's. */
public final class VerbTable {
    /** The word of the line that configures the machine before it boots. */
    public static final String MACHINE = "machine";
    /** Its form. */
    public static final String MACHINE_USAGE = "machine KEY=VALUE... (keys: " + String.join(", ", MachineOptions.KEYS) + ")";

    private final Map<String, Verb> verbs = new TreeMap<>();
    private final Map<String, Verb> processVerbs = new TreeMap<>();

    private VerbTable(List<Verb> all) {
        for (Verb verb : all) {
            // A plain verb and a process verb may share a word: free (procps) and NAME free VAR (glibc).
            Map<String, Verb> table = verb.perProcess() ? processVerbs : verbs;
            if (table.put(verb.name(), verb) != null || verb.name().equals(MACHINE)) {
                throw new IllegalStateException("two verbs named " + verb.name());
            }
        }
    }

    /** Every verb mmsim has. */
    public static VerbTable standard() {
        ProcFiles files = ProcFiles.standard();
        return new VerbTable(Stream.of(CoreVerbs.all(files), PhysicalVerbs.all(files), TaskVerbs.all(),
                        MallocVerbs.all(), AccessVerbs.all(), LocalityVerbs.all(), MmapVerbs.all(), OomVerbs.all(), TlbVerbs.all(),
                        VmallocVerbs.all(), SlabVerbs.all(), FileVerbs.all(), SwapVerbs.all(), LoopVerbs.all(),
                        ViewVerbs.all(files), HardwareVerbs.all(), NumaVerbs.all())
                .flatMap(List::stream).toList());
    }

    /**
     * The verb of {@code line}: its first word, or, for {@code NAME VERB ...}, a process verb.
     *
     * @param processes the names of the processes the scenario has started by this line: a line that starts with one
     *     has a mistyped process verb ({@code unknown verb 'touhc' for process a})
     * @throws ScenarioException for an unknown verb: the nearest verb if one is near, else the verbs there are
     */
    public Verb verbOf(ScenarioLine line, Set<String> processes) {
        Verb verb = verbs.get(line.verb());
        if (verb == null && line.words().size() > 1) {
            verb = processVerbs.get(line.words().get(1));
        }
        if (verb != null) {
            return verb;
        }
        if (line.words().size() > 1 && processes.contains(line.verb())) {
            String typed = line.words().get(1);
            throw line.error("unknown verb '" + typed + "' for process " + line.verb()
                    + NearestName.expected(typed, processVerbs.keySet()));
        }
        List<String> starting = new ArrayList<>(List.of(MACHINE));
        starting.addAll(verbs.keySet());
        String hint = NearestName.hint(line.verb(), starting);
        throw line.error("unknown verb '" + line.verb() + "'" + (!hint.isEmpty() ? hint : "; expected one of "
                + String.join(", ", starting) + ", or NAME followed by one of " + String.join(", ", processVerbs.keySet())));
    }

    /** The words a line may start with, and the process verbs that follow a NAME, each once, sorted. */
    public SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>(verbs.keySet());
        names.addAll(processVerbs.keySet());
        return names;
    }

    /** {@code help}'s text: every verb's form and what it does; or one verb's, if {@code name} is one. */
    public String help(String name) {
        StringBuilder text = new StringBuilder();
        Stream.concat(verbs.values().stream(), processVerbs.values().stream())
                .filter(v -> name == null || v.name().equals(name))
                .forEach(v -> text.append(String.format("%s%n    %s%n", v.usage(), v.summary())));
        return text.toString();
    }
}
