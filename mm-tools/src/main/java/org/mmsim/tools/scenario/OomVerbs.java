package org.mmsim.tools.scenario;

import java.util.List;

/**
 * The OOM killer's knob, as mm/oom_kill.c reads it: {@code NAME oom_score_adj N} is
 * {@code echo N > /proc/PID/oom_score_adj}, from -1000 (never killed) to 1000. A process the killer chose prints
 * {@code NAME: Killed} after the line ({@link ProcessNames#forgetKilled}).
 */
final class OomVerbs {
    private OomVerbs() {
    }

    static List<Verb> all() {
        return List.of(Verb.perProcess("oom_score_adj", "NAME oom_score_adj N",
                "set the process's oom_score_adj, -1000 (never OOM-killed) to 1000", OomVerbs::oomScoreAdj));
    }

    /** {@code NAME oom_score_adj N}. */
    private static Step oomScoreAdj(String process, ScenarioLine line, String usage) {
        line.expectWords(3, usage);
        String text = line.words().get(2);
        int adj;
        try {
            adj = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw line.error("oom_score_adj '" + text + "'; expected an integer from -1000 to 1000");
        }
        if (adj < -1000 || adj > 1000) {
            throw line.error("oom_score_adj " + adj + "; expected an integer from -1000 to 1000");
        }
        return session -> session.machine().processes().setOomScoreAdj(ProcessNames.pidOf(session, process), adj);
    }
}
