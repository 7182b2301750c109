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

    static List<Verb> verbs() {
        return List.of(new Progress());
    }

    static List<ProcessVerb> processVerbs() {
        return List.of(new Loop(), new Stop());
    }

    /** {@code NAME loop VAR [read|write]}. */
    private static final class Loop extends SimpleProcessVerb {
        Loop() {
            super("loop", "NAME loop VAR [read|write]",
                    "keep sweeping VAR page by page while simulated time passes (tick, sar)");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            String var = line.word(2, "VAR", usage);
            if (line.words().size() != 4) {
                line.expectWords(3, usage);
            }
            AccessType access = line.words().size() == 4 ? ProcessVerbs.accessType(line, line.words().get(3), false)
                    : AccessType.WRITE;
            return session -> {
                int pid = ProcessVerbs.pidOf(session, process);
                ProcessVerbs.Region r = ProcessVerbs.region(session, var);
                session.workload().start(new Workload.Loop(process, pid, var, r.addr(), r.size(), access,
                        session.machine().clock().nanos()));
            };
        }
    }

    /** {@code NAME stop}. */
    private static final class Stop extends SimpleProcessVerb {
        Stop() {
            super("stop", "NAME stop", "end the process's loop (it stays, with its memory)");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            line.expectWords(2, usage);
            return session -> {
                ProcessVerbs.pidOf(session, process);
                if (!session.workload().stop(process)) {
                    throw line.error(process + " runs no loop; expected a NAME from an earlier 'NAME loop VAR'");
                }
            };
        }
    }

    /** {@code progress}: each loop's pages swept, passes and rate since the last look. */
    private static final class Progress implements Verb {
        @Override
        public String name() {
            return "progress";
        }

        @Override
        public String usage() {
            return "progress";
        }

        @Override
        public String summary() {
            return "how far each loop got: pages swept, passes over its data, pages per second since the last look";
        }

        @Override
        public Step parse(ScenarioLine line) {
            line.expectWords(1, usage());
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
}
