package org.mmsim.tools.scenario;

import java.util.List;

/**
 * glibc's malloc(3) and free(3) in a process: {@code NAME malloc VAR SIZE} takes a block from the heap, or an mmap
 * of its own above the mmap threshold, and touches nothing; {@code NAME free VAR} gives it back.
 */
final class MallocVerbs {
    private MallocVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                Verb.perProcess("malloc", "NAME malloc VAR SIZE",
                        "allocate with glibc's malloc (lazily: nothing is touched)", MallocVerbs::malloc),
                Verb.perProcess("free", "NAME free VAR", "free a malloc'd block", MallocVerbs::free));
    }

    /** {@code NAME malloc VAR SIZE}. */
    private static Step malloc(String process, ScenarioLine line, String usage) {
        line.expectWords(4, usage);
        String var = line.words().get(2);
        long size = line.size(line.words().get(3));
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            Perror.syscall(session, process, "malloc " + var, () ->
                    session.bind(var, new Region(session.machine().processes().malloc(pid, size), size, true)));
        };
    }

    /** {@code NAME free VAR}. */
    private static Step free(String process, ScenarioLine line, String usage) {
        line.expectWords(3, usage);
        String var = line.words().get(2);
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            Region r = Region.of(session, var);
            if (!r.malloced()) {
                throw line.error(var + " was mapped with mmap; expected a VAR from malloc (use munmap)");
            }
            Perror.syscall(session, process, "free " + var, () -> session.machine().processes().free(pid, r.addr()));
        };
    }
}
