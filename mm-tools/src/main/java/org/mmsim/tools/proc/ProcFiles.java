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
        List<ProcFile> files = new java.util.ArrayList<>(List.of(new VmstatFile(), new UptimeFile(), new MeminfoFile(),
                new BuddyinfoFile(), new PagetypeinfoFile(), new ZoneinfoFile(), new ExtfragFile(true), new ExtfragFile(false),
                new VmallocinfoFile(), new SlabinfoFile(), new PressureFile(), new SwapsFile(), new StatFile(), new LoadavgFile()));
        files.addAll(Sysctl.physical());
        files.addAll(Sysctl.paging());
        files.addAll(Sysctl.writeback());
        files.addAll(Sysctl.vmscan());
        files.addAll(Sysctl.oom());
        files.addAll(Sysctl.swap());
        return new ProcFiles(files);
    }

    /** The tunable named {@code name} ({@code vm.min_free_kbytes}), or an error listing those there are. */
    public Sysctl sysctl(String name, Function<String, RuntimeException> error) {
        for (ProcFile file : files.values()) {
            if (file instanceof Sysctl && ((Sysctl) file).name().equals(name)) {
                return (Sysctl) file;
            }
        }
        throw error.apply("no sysctl '" + name + "'; expected one of " + files.values().stream()
                .filter(f -> f instanceof Sysctl).map(f -> ((Sysctl) f).name()).sorted().collect(java.util.stream.Collectors.joining(", ")));
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

    /** Every path there is a file at (the per-process ones are under /proc/NAME/). */
    public java.util.Collection<String> paths() {
        return java.util.Collections.unmodifiableCollection(files.keySet());
    }

    /** The text of the file at {@code path} on {@code machine}. */
    public String render(String path, SimulatedMachine machine, Function<String, RuntimeException> error) {
        return file(path, error).render(machine);
    }
}
