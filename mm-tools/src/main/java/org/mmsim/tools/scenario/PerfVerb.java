package org.mmsim.tools.scenario;

import java.util.List;
import java.util.Set;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.TlbStats;
import org.mmsim.api.physical.PerfCounts;
import org.mmsim.api.stat.VmItem;
import org.mmsim.tools.machine.CpuTimes;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.view.PerfStat;

/**
 * {@code perf stat [-a] [-e EVENTS] NAME VERB...}: runs one line of a process, as {@code perf stat CMD} runs a
 * command, and prints perf's counts of what it did ({@link PerfStat}) after what the line printed. The counts are
 * those of the CPU the process runs on while the line ran; nothing else runs on it meanwhile (a line of a process runs
 * alone), so they are the process's own, as perf's counters follow the task it started. With {@code -a} the counts are
 * every CPU's (perf's system-wide mode), and the line may be any line, such as an {@code interleave} of two
 * processes on two CPUs or a {@code tick} with loops running. With {@code -p NAME} (perf's {@code -p PID}) the counts
 * are that process's own wherever it ran during any line, such as its loop's turns during a {@code tick}: the events
 * its accesses counted, its CPU time and its faults; the TLBs count per CPU only, so its dTLB events are not
 * supported.
 */
final class PerfVerb {
    static final String USAGE = "perf stat [-a | -p NAME] [-e EVENT,...] NAME VERB... (perf stat -e cycles,L1-dcache-"
            + "load-misses a touch buf; with -a every CPU, with -p NAME that process, around any line)";

    private PerfVerb() {
    }

    static Verb verb() {
        return Verb.plain("perf", USAGE, "count the hardware and software events of one line of a process, as "
                + "perf stat does of a command", PerfVerb::perf);
    }

    private static Step perf(ScenarioLine line, String usage) {
        List<String> words = line.words();
        if (words.size() < 2 || !words.get(1).equals("stat")) {
            throw line.error("perf " + (words.size() < 2 ? "needs a subcommand" : "'" + words.get(1) + "'")
                    + "; expected perf stat, as in " + usage);
        }
        int from = 2;
        boolean all = false;
        String watched = null;
        List<String> events = PerfStat.DEFAULT_EVENTS;
        while (words.size() > from && words.get(from).startsWith("-")) {
            if (words.get(from).equals("-a")) {
                all = true;
                from++;
            } else if (words.get(from).equals("-p") && words.size() > from + 1) {
                watched = words.get(from + 1);
                from += 2;
            } else if (words.get(from).equals("-e") && words.size() > from + 1) {
                try {
                    events = PerfStat.events(words.get(from + 1));
                } catch (IllegalArgumentException e) {
                    throw line.error("perf stat -e: " + e.getMessage());
                }
                from += 2;
            } else {
                throw line.error("perf stat option '" + words.get(from) + "'; expected -a, -p NAME or -e EVENT,..., as in "
                        + usage);
            }
        }
        if (all && watched != null) {
            throw line.error("perf stat -a and -p: expected one of them, every CPU or one process");
        }
        boolean anyLine = all || watched != null;
        if (words.size() <= from + (anyLine ? 0 : 1)) {
            throw line.error("perf stat needs " + (anyLine ? "a line" : "NAME VERB...") + "; expected " + usage);
        }
        ScenarioLine command = new ScenarioLine(line.file(), line.number(), words.subList(from, words.size()));
        Verb verb = VerbTable.standard().verbOf(command, Set.of());
        if (!anyLine && !verb.perProcess()) {
            throw line.error("perf stat runs a line of a process, NAME VERB...; '" + command.verb()
                    + "' is not a process; expected " + usage);
        }
        Step step = verb.parse(command);
        List<String> shown = events;
        if (watched != null) {
            String name = watched;
            return session -> {
                SimulatedMachine machine = session.machine();
                int pid = ProcessNames.pidOf(session, name);
                TaskCounters before = TaskCounters.of(machine, pid);
                step.run(session);
                TaskCounters after = TaskCounters.of(machine, pid);
                session.print(PerfStat.report("process id '" + pid + "'", shown, after.since(before), false));
            };
        }
        String process = all ? null : command.verb();
        String title = all ? "system wide" : String.join(" ", command.words());
        return session -> {
            SimulatedMachine machine = session.machine();
            Processes processes = machine.processes();
            int pid = process == null ? -1 : ProcessNames.pidOf(session, process);
            int cpu = process == null ? -1 : processes.currentCpu();
            Counters before = Counters.of(machine, pid, cpu);
            step.run(session);
            Counters after = Counters.of(machine, pid, cpu);
            session.print(PerfStat.report(title, shown, after.since(before)));
        };
    }

    /** One process's counters, wherever it ran, at one moment. */
    private record TaskCounters(long nanos, long taskTime, long faults, long majors, PerfCounts hardware) {
        static TaskCounters of(SimulatedMachine machine, int pid) {
            org.mmsim.api.paging.TaskInfo task = machine.processes().task(pid);
            return new TaskCounters(machine.clock().nanos(), machine.cpuTimes().taskTime(pid),
                    task.minFlt() + task.majFlt(), task.majFlt(), machine.cpuTimes().taskEvents(pid));
        }

        PerfStat.Sample since(TaskCounters b) {
            return new PerfStat.Sample(taskTime - b.taskTime, 0, 0, faults - b.faults, majors - b.majors,
                    hardware.since(b.hardware), -1, -1, -1, nanos - b.nanos, 0, 0);
        }
    }

    /** The counters perf reads, at one moment. */
    private record Counters(long nanos, long taskTime, long user, long system, long switches, long faults, long majors,
                            PerfCounts hardware, long dtlbLoads, long dtlbMisses) {
        /** The counters of {@code pid} on {@code cpu}, or with a pid of -1 every CPU's. */
        static Counters of(SimulatedMachine machine, int pid, int cpu) {
            CpuTimes times = machine.cpuTimes();
            int first = pid < 0 ? 0 : cpu;
            int last = pid < 0 ? machine.config().cpus() - 1 : cpu;
            long user = 0;
            long system = 0;
            PerfCounts hardware = new PerfCounts(0, 0, 0, 0, 0, 0, 0, 0);
            long dtlbLoads = 0;
            long dtlbMisses = 0;
            for (int c = first; c <= last; c++) {
                user += times.user(c);
                system += times.system(c);
                hardware = hardware.plus(machine.memoryHierarchy().counts(c));
                TlbStats tlb = machine.processes().tlbStats(c);
                dtlbLoads += tlb.dataL1Hits() + tlb.dataL2Hits() + tlb.dataMisses();
                dtlbMisses += tlb.dataMisses();
            }
            return new Counters(machine.clock().nanos(), pid < 0 ? user + system : times.taskTime(pid), user, system,
                    times.contextSwitches(), machine.vmstat().get(VmItem.PGFAULT), machine.vmstat().get(VmItem.PGMAJFAULT),
                    hardware, dtlbLoads, dtlbMisses);
        }

        PerfStat.Sample since(Counters b) {
            return new PerfStat.Sample(taskTime - b.taskTime, switches - b.switches, 0, faults - b.faults,
                    majors - b.majors, hardware.since(b.hardware), -1, dtlbLoads - b.dtlbLoads, dtlbMisses - b.dtlbMisses,
                    nanos - b.nanos, user - b.user, system - b.system);
        }
    }
}
