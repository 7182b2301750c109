package org.mmsim.tools.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.mmsim.spi.NearestName;
import org.mmsim.tools.machine.SimulatedMachine;

/** The simulated /proc: every file mmsim renders, by path. */
public final class ProcFiles {
    /** A path one directory below /proc; group 1 is the directory, with its slashes. */
    private static final java.util.regex.Pattern PROCESS_DIRECTORY = java.util.regex.Pattern.compile("(/proc/[^/]+/)[^/]+");

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
        files.addAll(Sysctl.hugetlb());
        files.addAll(Sysctl.mempolicy());
        return new ProcFiles(files);
    }

    /** The tunable named {@code name} ({@code vm.min_free_kbytes}), or an error listing those there are. */
    public Sysctl sysctl(String name, Function<String, RuntimeException> error) {
        for (ProcFile file : files.values()) {
            if (file instanceof Sysctl && ((Sysctl) file).name().equals(name)) {
                return (Sysctl) file;
            }
        }
        throw error.apply("no sysctl '" + name + "'" + NearestName.expected(name, files.values().stream()
                .filter(f -> f instanceof Sysctl).map(f -> ((Sysctl) f).name()).sorted().toList()));
    }

    /**
     * The file at {@code path}.
     *
     * @param error makes the error for a path that does not exist, given the paths that do
     */
    public ProcFile file(String path, Function<String, RuntimeException> error) {
        ProcFile file = files.get(path);
        if (file == null) {
            file = Sysctl.nodeHugetlbFile(path);
        }
        if (file == null) {
            file = hardwareFile(path);
        }
        if (file == null) {
            throw error.apply("no such file '" + path + "'" + NearestName.expected(path, candidates(path)));
        }
        return file;
    }

    /**
     * A file of /sys/devices/system/cpu/cpuN/cache/indexM/ or /sys/devices/system/node/nodeN/, made when named as a
     * machine has any number of CPUs and nodes (a CPU, node or attribute it lacks is the render's error); else null.
     */
    private static ProcFile hardwareFile(String path) {
        boolean cache = org.mmsim.tools.hw.SysCpuCache.PATH.matcher(path).matches();
        if (!cache && !org.mmsim.tools.hw.SysNode.PATH.matcher(path).matches()) {
            return null;
        }
        return new ProcFile() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public String render(SimulatedMachine machine) {
                return cache ? org.mmsim.tools.hw.SysCpuCache.read(machine.config(), path)
                        : org.mmsim.tools.hw.SysNode.read(machine, path);
            }
        };
    }

    /**
     * The paths {@code path} may have meant: every file's, and for a path in a process's directory
     * ({@code /proc/app/statsu}), that process's files.
     */
    private List<String> candidates(String path) {
        List<String> candidates = new ArrayList<>(files.keySet());
        java.util.regex.Matcher process = PROCESS_DIRECTORY.matcher(path);
        if (process.matches() && candidates.stream().noneMatch(p -> p.startsWith(process.group(1)))) {
            ProcessFiles.FILES.forEach(file -> candidates.add(process.group(1) + file));
        }
        return candidates;
    }


    /** Every path there is a file at (the per-process ones are under /proc/NAME/). */
    public java.util.Collection<String> paths() {
        return java.util.Collections.unmodifiableCollection(files.keySet());
    }

    /** The text of the file at {@code path} on {@code machine}. */
    public String render(String path, SimulatedMachine machine, Function<String, RuntimeException> error) {
        ProcFile file = file(path, error);
        try {
            return file.render(machine);
        } catch (IllegalArgumentException e) {
            // A file of a size or a thing this machine does not have (a 1 GiB pool on i386).
            throw error.apply(e.getMessage());
        }
    }
}
