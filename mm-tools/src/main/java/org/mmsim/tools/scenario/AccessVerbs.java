package org.mmsim.tools.scenario;

import java.util.List;
import java.util.Map;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.physical.PerfCounts;

/**
 * A process's loads, stores and instruction fetches, through the MMU and, on a miss, mm/memory.c's fault path, then
 * the CPU's caches: {@code NAME touch VAR} sweeps a region once ({@code NAME loop VAR} keeps sweeping it,
 * {@link LoopVerbs}). The accesses take the time the memory hierarchy says, the process's user time on its CPU, and
 * simulated time passes by as much. A SIGSEGV, or a SIGBUS past the end of a mapped file, kills the process, as it
 * would a C program.
 */
final class AccessVerbs {
    private AccessVerbs() {
    }

    static List<Verb> all() {
        return List.of(Verb.perProcess("touch", "NAME touch VAR [read|write|exec] [offset=N] [length=N] [stride=N]",
                "access memory: one access every stride bytes (a page by default) and the last byte, faulting pages in",
                AccessVerbs::touch));
    }

    /** An access word: {@code read}, {@code write}, and {@code exec} where {@code exec} is allowed. */
    static AccessType accessType(ScenarioLine line, String word, boolean exec) {
        switch (word) {
            case "read":
                return AccessType.READ;
            case "write":
                return AccessType.WRITE;
            case "exec":
                if (exec) {
                    return AccessType.EXECUTE;
                }
                break;
            default:
                break;
        }
        throw line.error("access '" + word + "'; expected read" + (exec ? ", write or exec" : " or write"));
    }

    /**
     * One access by a scenario's process; a SIGSEGV or SIGBUS is printed as a shell shows it and ends the process.
     *
     * @return what {@link Processes#access} returned
     */
    static int access(Session session, Processes processes, int pid, long vaddr, AccessType access, String process) {
        return access(session, processes, pid, vaddr, access, 8, process);
    }

    /** {@link #access(Session, Processes, int, long, AccessType, String)} of {@code size} bytes. */
    static int access(Session session, Processes processes, int pid, long vaddr, AccessType access, int size,
                      String process) {
        int result = processes.access(pid, vaddr, access, size);
        if (result == Processes.SIGSEGV || result == Processes.SIGBUS) {
            session.print(String.format(result == Processes.SIGSEGV ? "%s: Segmentation fault (SIGSEGV at %#x)"
                    : "%s: Bus error (SIGBUS at %#x)", process, vaddr));
            processes.exit(pid);
            ProcessNames.forget(session, process);
        }
        // An OOM kill is said by ProcessNames.forgetKilled() after the line, beneath the kernel's report.
        return result;
    }

    /** Whether an access's result ended its process. */
    static boolean died(int result) {
        return result == Processes.SIGSEGV || result == Processes.SIGBUS || result == Processes.OOM_KILLED;
    }

    /** {@code NAME touch VAR [read|write|exec] [offset=N] [length=N] [stride=N]}: accesses the region. */
    private static Step touch(String process, ScenarioLine line, String usage) {
        String var = line.word(2, "VAR", usage);
        int from = 3;
        AccessType type = AccessType.WRITE;
        if (line.words().size() > 3 && !line.words().get(3).contains("=")) {
            type = accessType(line, line.words().get(3), true);
            from = 4;
        }
        Map<String, String> o = line.options(from, usage, List.of("offset", "length", "stride"));
        long offset = line.size(o.getOrDefault("offset", "0"));
        Long length = o.containsKey("length") ? line.size(o.get("length")) : null;
        long stride = line.size(o.getOrDefault("stride", "4096"));
        if (stride <= 0) {
            throw line.error("stride 0; expected a positive size");
        }
        AccessType access = type;
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            Region r = Region.of(session, var);
            long end = r.rangeEnd(line, var, offset, length);
            Processes processes = session.machine().processes();
            int cpu = processes.currentCpu();
            PerfCounts before = session.machine().memoryHierarchy().counts(cpu);
            try {
                long last = -1;
                for (long at = offset; at < end; at += stride) {
                    if (died(access(session, processes, pid, r.addr() + at, access, process))) {
                        return;
                    }
                    last = at;
                }
                // The last byte of the range is touched too: writing every int writes the last one.
                if (last >= 0 && ((r.addr() + end - 1) >>> 12) != ((r.addr() + last) >>> 12)) {
                    access(session, processes, pid, r.addr() + end - 1, access, process);
                }
            } finally {
                ran(session, pid, cpu, before);
            }
        };
    }

    /**
     * A process's accesses on {@code cpu} ran since its counts were {@code before}: their cycles at the core's clock
     * are its user time there, their events its own, and simulated time passes by as much.
     */
    static void ran(Session session, int pid, int cpu, PerfCounts before) {
        org.mmsim.tools.machine.SimulatedMachine machine = session.machine();
        PerfCounts events = machine.memoryHierarchy().counts(cpu).since(before);
        long user = events.cycles() * 1000 / machine.memoryHierarchy().mhz();
        machine.cpuTimes().charge(cpu, user, 0, 0);
        machine.cpuTimes().chargeTask(pid, user, 0);
        machine.cpuTimes().chargeTaskEvents(pid, events);
        machine.advance(user);
    }
}
