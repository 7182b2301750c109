package org.mmsim.tools.scenario;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The verbs a scenario can use, by name: the core ones and each layer's. */
public final class VerbTable {
    /** The word of the line that configures the machine before it boots. */
    public static final String MACHINE = "machine";
    /** Its form. */
    public static final String MACHINE_USAGE = "machine KEY=VALUE... (keys: " + String.join(", ", MachineOptions.KEYS) + ")";

    private final Map<String, Verb> verbs = new TreeMap<>();
    private final Map<String, ProcessVerb> processVerbs = new TreeMap<>();

    private VerbTable(List<Verb> all, List<ProcessVerb> perProcess) {
        for (Verb verb : all) {
            if (verbs.put(verb.name(), verb) != null || verb.name().equals(MACHINE)) {
                throw new IllegalStateException("two verbs named " + verb.name());
            }
        }
        perProcess.forEach(v -> processVerbs.put(v.name(), v));
    }

    /** Every verb mmsim has. */
    public static VerbTable standard() {
        org.mmsim.tools.proc.ProcFiles files = org.mmsim.tools.proc.ProcFiles.standard();
        java.util.List<Verb> verbs = new java.util.ArrayList<>(CoreVerbs.all(files));
        verbs.addAll(PhysicalVerbs.all(files));
        verbs.addAll(ProcessVerbs.verbs());
        verbs.addAll(VmallocVerbs.all());
        verbs.addAll(SlabVerbs.all());
        verbs.addAll(FileVerbs.verbs());
        verbs.addAll(SwapVerbs.all());
        verbs.addAll(LoopVerbs.verbs());
        verbs.addAll(ViewVerbs.all(files));
        java.util.List<ProcessVerb> perProcess = new java.util.ArrayList<>(ProcessVerbs.processVerbs());
        perProcess.addAll(FileVerbs.processVerbs());
        perProcess.addAll(LoopVerbs.processVerbs());
        return new VerbTable(verbs, perProcess);
    }

    /**
     * The verb of {@code line}: its first word, or, for {@code NAME VERB ...}, a process verb applied to NAME; an
     * error lists the verbs there are.
     */
    public Verb verbOf(ScenarioLine line) {
        Verb verb = verbs.get(line.verb());
        if (verb == null && line.words().size() > 1 && processVerbs.containsKey(line.words().get(1))) {
            ProcessVerb perProcess = processVerbs.get(line.words().get(1));
            String process = line.verb();
            return new Verb() {
                @Override
                public String name() {
                    return perProcess.name();
                }

                @Override
                public String usage() {
                    return perProcess.usage();
                }

                @Override
                public String summary() {
                    return perProcess.summary();
                }

                @Override
                public Step parse(ScenarioLine l) {
                    return perProcess.parse(process, l);
                }
            };
        }
        if (verb == null) {
            throw line.error("unknown verb '" + line.verb() + "'; expected one of " + MACHINE + ", "
                    + String.join(", ", verbs.keySet()) + ", or NAME followed by one of " + String.join(", ", processVerbs.keySet()));
        }
        return verb;
    }

    /** Every verb, by name. */
    public Collection<Verb> all() {
        return verbs.values();
    }

    /** The words a line may start with, and the process verbs that follow a NAME, each once, sorted. */
    public java.util.SortedSet<String> names() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>(verbs.keySet());
        names.addAll(processVerbs.keySet());
        return names;
    }

    /** {@code help}'s text: every verb's form and what it does; or one verb's, if {@code name} is one. */
    public String help(String name) {
        StringBuilder text = new StringBuilder();
        verbs.values().forEach(v -> {
            if (name == null || v.name().equals(name)) {
                text.append(String.format("%s%n    %s%n", v.usage(), v.summary()));
            }
        });
        processVerbs.values().forEach(v -> {
            if (name == null || v.name().equals(name)) {
                text.append(String.format("%s%n    %s%n", v.usage(), v.summary()));
            }
        });
        return text.toString();
    }
}
