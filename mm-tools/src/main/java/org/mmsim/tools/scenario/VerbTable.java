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

    private VerbTable(List<Verb> all) {
        for (Verb verb : all) {
            if (verbs.put(verb.name(), verb) != null || verb.name().equals(MACHINE)) {
                throw new IllegalStateException("two verbs named " + verb.name());
            }
        }
    }

    /** Every verb mmsim has. */
    public static VerbTable standard() {
        org.mmsim.tools.proc.ProcFiles files = org.mmsim.tools.proc.ProcFiles.standard();
        java.util.List<Verb> verbs = new java.util.ArrayList<>(CoreVerbs.all(files));
        verbs.addAll(PhysicalVerbs.all(files));
        return new VerbTable(verbs);
    }

    /** The verb that starts {@code line}, or an error listing the verbs there are. */
    public Verb verbOf(ScenarioLine line) {
        Verb verb = verbs.get(line.verb());
        if (verb == null) {
            throw line.error("unknown verb '" + line.verb() + "'; expected one of " + MACHINE + ", "
                    + String.join(", ", verbs.keySet()));
        }
        return verb;
    }

    /** Every verb, by name. */
    public Collection<Verb> all() {
        return verbs.values();
    }
}
