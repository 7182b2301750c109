package org.mmsim.tools.scenario;

import java.util.List;
import org.mmsim.api.paging.AccessType;

/**
 * Programs that run while simulated time passes: {@code NAME loop VAR [read|write]} starts one sweeping its data
 * over and over, {@code NAME stop} ends it, {@code progress} says how far each got. See {@link Workload}.
 */
final class LoopVerbs {
    private LoopVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                Verb.perProcess("loop", "NAME loop VAR [read|write]",
                        "keep sweeping VAR page by page while simulated time passes (tick, sar)", LoopVerbs::loop),
                Verb.perProcess("stop", "NAME stop", "end the process's loop (it stays, with its memory)",
                        LoopVerbs::stop),
                Verb.plain("progress", "progress",
                        "how far each loop got: pages swept, passes over its data, pages per second since the last look",
                        LoopVerbs::progress));
    }

    /** {@code NAME loop VAR [read|write]}. */
    private static Step loop(String process, ScenarioLine line, String usage) {
        String var = line.word(2, "VAR", usage);
        if (line.words().size() != 4) {
            line.expectWords(3, usage);
        }
        AccessType access = line.words().size() == 4 ? AccessVerbs.accessType(line, line.words().get(3), false)
                : AccessType.WRITE;
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            Region r = Region.of(session, var);
            for (Workload.Loop running : session.workload().loops()) {
                if (running.process.equals(process)) {
                    throw line.error(process + " already loops over " + running.var + "; expected '" + process
                            + " stop' before another loop (one loop a process)");
                }
            }
            session.workload().start(new Workload.Loop(process, pid, var, r.addr(), r.size(), access,
                    session.machine().clock().nanos()));
        };
    }

    /** {@code NAME stop}. */
    private static Step stop(String process, ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        return session -> {
            ProcessNames.pidOf(session, process);
            if (!session.workload().stop(process)) {
                throw line.error(process + " runs no loop; expected a NAME from an earlier 'NAME loop VAR'");
            }
        };
    }

    /** {@code progress}: each loop's pages swept, passes and rate since the last look. */
    private static Step progress(ScenarioLine line, String usage) {
        line.expectWords(1, usage);
        return session -> {
            long now = session.machine().clock().nanos();
            StringBuilder text = new StringBuilder(String.format("%-12s %-10s %12s %8s %12s %10s%n",
                    "NAME", "VAR", "PAGES", "PASSES", "PAGES/S", "MAJFLT"));
            for (Workload.Loop loop : session.workload().loops()) {
                long elapsed = now - loop.lookedAt;
                double rate = elapsed == 0 ? 0 : (loop.swept - loop.sweptAtLook) * 1e9 / elapsed;
                text.append(String.format("%-12s %-10s %12d %8.2f %12.0f %10d%n", loop.process, loop.var,
                        loop.swept, (double) loop.swept / loop.pages, rate, loop.majorFaults));
                loop.sweptAtLook = loop.swept;
                loop.lookedAt = now;
            }
            session.print(text.toString());
        };
    }
}
