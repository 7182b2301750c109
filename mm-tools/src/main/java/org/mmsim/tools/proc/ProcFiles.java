package org.mmsim.tools.proc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.mmsim.tools.machine.SimulatedMachine;

/** The simulated /proc: every file mmsim renders, by path. */
public final class ProcFiles {
    private final Map<String, ProcFile> files = new TreeMap<>();

    private ProcFiles(List<ProcFile> all) {
        all.forEach(file -> files.put(file.path(), file));
    }

    /** Every file the layers provide so far. */
    public static ProcFiles standard() {
        return new ProcFiles(List.of(new VmstatFile(), new UptimeFile()));
    }

    /**
     * The file at {@code path}.
     *
     * @param error makes the error for a path that does not exist, given the paths that do
     */
    public ProcFile file(String path, Function<String, RuntimeException> error) {
        ProcFile file = files.get(path);
        if (file == null) {
            throw error.apply("no such file '" + path + "'; expected one of " + String.join(", ", files.keySet()));
        }
        return file;
    }

    /** The text of the file at {@code path} on {@code machine}. */
    public String render(String path, SimulatedMachine machine, Function<String, RuntimeException> error) {
        return file(path, error).render(machine);
    }
}
