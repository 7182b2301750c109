package org.mmsim.plugins.oom;

import com.google.auto.service.AutoService;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomPolicy;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.OomRequest;
import org.mmsim.spi.PolicyArguments;

/**
 * Kills the killable task with the most resident pages: {@code get_mm_rss()}, anon + file + shmem. The badness of
 * {@code oom_badness()} (mm/oom_kill.c) with swap entries, page tables and {@code oom_score_adj} left out, so that
 * only the memory a kill frees at once counts.
 *
 * <p>Open choices: tasks are walked in task-list order and a task with as many pages as the chosen one replaces it,
 * so a tie goes to the later task, as {@code select_bad_process()} breaks ties. Unkillable tasks (init, kernel
 * threads, reaped or vforking tasks, oom_score_adj -1000) are never chosen; a task with no resident pages is a
 * candidate like any other. With no killable task the machine panics as Linux does: "System is deadlocked on
 * memory".
 */
@AutoService(OomPolicyProvider.class)
public final class LargestRss implements OomPolicyProvider {
    @Override
    public String name() {
        return "largest-rss";
    }

    @Override
    public String description() {
        return "Kills the killable task with the largest rss (anon + file + shmem); ties to the later task";
    }

    @Override
    public OomPolicy create(PolicyArguments arguments) {
        return LargestRss::decide;
    }

    private static OomDecision decide(OomRequest request) {
        OomCandidate chosen = null;
        for (OomCandidate candidate : request.candidates()) {
            if (candidate.killable() && (chosen == null || candidate.rss() >= chosen.rss())) {
                chosen = candidate;
            }
        }
        return chosen == null ? OomDecision.panic(Oom.DEADLOCKED) : OomDecision.kill(chosen.pid());
    }
}
