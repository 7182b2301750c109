package org.mmsim.plugins.oom;

import com.google.auto.service.AutoService;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomPolicy;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.OomRequest;
import org.mmsim.spi.PolicyArguments;

/**
 * Android's low-memory killer: the least important band first, the largest task within it
 * ({@code lowmem_scan()} in drivers/staging/android/lowmemorykiller.c, removed in Linux 4.20, and its successor
 * lmkd in user space). Android's framework writes each process's importance into {@code oom_score_adj} (foreground
 * 0, visible 100, ..., cached 900 and above), so a higher value is a less important process.
 *
 * <p>The kernel driver kills only from bands at or above a {@code min_score_adj} that its {@code minfree} table
 * derives from how little memory is free; this policy has no table and takes the rule without parameters: the band
 * is the highest {@code oom_score_adj} present among the killable tasks. Within it the task with the largest rss
 * (anon + file + shmem, {@code get_mm_rss()}) is killed.
 *
 * <p>Open choices, as the driver makes them: a task with no resident pages is skipped ({@code tasksize <= 0}), as
 * killing it frees nothing; tasks are walked in task-list order and a later task replaces the chosen one only if
 * its band is higher or, in the same band, its rss is strictly larger, so a tie goes to the earlier task (the
 * smaller pid). Where the driver would then kill nothing because every killable task has an empty rss, this policy
 * still kills, by the same rule over those tasks, because only a machine with nothing killable panics. Unkillable
 * tasks (init, kernel threads, reaped or vforking tasks, oom_score_adj -1000) are never chosen; with none killable
 * the machine panics as Linux does: "System is deadlocked on memory".
 */
@AutoService(OomPolicyProvider.class)
public final class Priority implements OomPolicyProvider {
    @Override
    public String name() {
        return "priority";
    }

    @Override
    public String description() {
        return "Android lowmemorykiller: highest oom_score_adj band first, largest rss within it; ties to the earlier task";
    }

    @Override
    public OomPolicy create(PolicyArguments arguments) {
        return Priority::decide;
    }

    private static OomDecision decide(OomRequest request) {
        OomCandidate chosen = choose(request, true);
        if (chosen == null) {
            chosen = choose(request, false);
        }
        return chosen == null ? OomDecision.panic(Oom.DEADLOCKED) : OomDecision.kill(chosen.pid());
    }

    private static OomCandidate choose(OomRequest request, boolean skipEmpty) {
        OomCandidate chosen = null;
        for (OomCandidate candidate : request.candidates()) {
            if (!candidate.killable() || (skipEmpty && candidate.rss() <= 0)) {
                continue;
            }
            if (chosen != null) {
                if (candidate.oomScoreAdj() < chosen.oomScoreAdj()) {
                    continue;
                }
                if (candidate.oomScoreAdj() == chosen.oomScoreAdj() && candidate.rss() <= chosen.rss()) {
                    continue;
                }
            }
            chosen = candidate;
        }
        return chosen;
    }
}
