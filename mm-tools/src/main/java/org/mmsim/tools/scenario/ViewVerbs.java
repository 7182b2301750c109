package org.mmsim.tools.scenario;

import java.util.List;
import org.mmsim.tools.view.SarPaging;
import org.mmsim.tools.view.Uname;

/** The troubleshooting tools a Linux user runs, over the simulated machine: {@code sar -B}. */
final class ViewVerbs {
    private ViewVerbs() {
    }

    static List<Verb> all() {
        return List.of(new Sar());
    }

    /**
     * {@code sar -B INTERVAL [COUNT]}: COUNT intervals of INTERVAL seconds of simulated time, the loops running, one
     * line of paging rates each, then their average. (sar without COUNT runs until interrupted; here it reports once.)
     */
    private static final class Sar implements Verb {
        @Override
        public String name() {
            return "sar";
        }

        @Override
        public String usage() {
            return "sar -B INTERVAL [COUNT] (seconds of simulated time, such as sar -B 1 5)";
        }

        @Override
        public String summary() {
            return "paging rates over simulated time, as sysstat's sar -B prints them (with %vmeff)";
        }

        @Override
        public Step parse(ScenarioLine line) {
            if (line.words().size() < 3 || line.words().size() > 4 || !line.words().get(1).equals("-B")) {
                throw line.error("'" + String.join(" ", line.words()) + "'; expected " + usage());
            }
            int interval = positive(line, line.words().get(2), "INTERVAL");
            int count = line.words().size() == 4 ? positive(line, line.words().get(3), "COUNT") : 1;
            return session -> {
                StringBuilder text = new StringBuilder(SarPaging.banner(session.machine()));
                SarPaging.Sample first = SarPaging.Sample.of(session.machine());
                text.append(SarPaging.header(first.nanos()));
                SarPaging.Sample last = first;
                for (int i = 0; i < count; i++) {
                    session.pass(interval * 1_000_000_000L);
                    SarPaging.Sample now = SarPaging.Sample.of(session.machine());
                    text.append(SarPaging.line(Uname.clock(now.nanos()), last, now));
                    last = now;
                }
                text.append(SarPaging.line("Average:", first, last));
                session.print(text.toString());
            };
        }

        private static int positive(ScenarioLine line, String word, String what) {
            try {
                int value = Integer.parseInt(word);
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw line.error(what + " '" + word + "'; expected a whole number of seconds above 0");
        }
    }
}
