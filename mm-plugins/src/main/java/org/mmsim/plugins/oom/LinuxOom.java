package org.mmsim.plugins.oom;

import com.google.auto.service.AutoService;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomPolicy;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.OomRequest;
import org.mmsim.spi.PolicyArguments;

/**
 * The Linux OOM killer's choice, as {@code select_bad_process()} and {@code oom_badness()} in mm/oom_kill.c make it.
 *
 * <p>A task's badness is its resident pages (anon + file + shmem), plus its swap entries, plus its page-table bytes
 * in pages, plus {@code oom_score_adj × (totalpages / 1000)} (the division first, as the kernel does it in integer
 * arithmetic). Unkillable tasks (init, kernel threads, reaped or vforking tasks, oom_score_adj -1000) are never
 * chosen. Tasks are walked in task-list order and a task replaces the chosen one unless its badness is lower, so a
 * tie goes to the later task (the larger pid). With no killable task, the kernel prints "Out of memory and no
 * killable processes..." and panics: "System is deadlocked on memory".
 */
@AutoService(OomPolicyProvider.class)
public final class LinuxOom implements OomPolicyProvider {
    @Override
    public String name() {
        return "linux";
    }

    @Override
    public String description() {
        return "oom_badness(): rss + swap + page tables + oom_score_adj share of memory; ties to the later task (mm/oom_kill.c)";
    }

    @Override
    public OomPolicy create(PolicyArguments arguments) {
        return LinuxOom::decide;
    }

    /**
     * {@code oom_badness()}: the points of a killable task.
     *
     * @param candidate a killable task
     * @param totalPages RAM plus swap, in pages
     * @param pageSize bytes per page
     */
    static long badness(OomCandidate candidate, long totalPages, int pageSize) {
        long points = candidate.rss() + candidate.swapEntries() + candidate.pgtablesBytes() / pageSize;
        return points + (long) candidate.oomScoreAdj() * (totalPages / 1000);
    }

    private static OomDecision decide(OomRequest request) {
        OomCandidate chosen = null;
        long chosenPoints = Long.MIN_VALUE;
        for (OomCandidate candidate : request.candidates()) {
            if (!candidate.killable()) {
                continue;
            }
            long points = badness(candidate, request.totalPages(), request.pageSize());
            if (chosen == null || points >= chosenPoints) {
                chosen = candidate;
                chosenPoints = points;
            }
        }
        return chosen == null ? OomDecision.panic("System is deadlocked on memory") : OomDecision.kill(chosen.pid());
    }
}
