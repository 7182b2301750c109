package org.mmsim.plugins.oom;

import com.google.auto.service.AutoService;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomPolicy;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.OomRequest;
import org.mmsim.spi.PolicyArguments;

/**
 * Kills the most recently started killable task (the largest {@link OomCandidate#startNanos()}): the task that has
 * done the least work so far, whatever its size. Linux's {@code badness()} before 2.6.36 leaned the same way, dividing
 * a task's points by the fourth root of its run time so that long-running tasks were spared; this policy takes that
 * preference alone.
 *
 * <p>Open choices: two tasks started at the same instant are told apart by pid, the larger pid (normally the later
 * fork) going first. Memory size and {@code oom_score_adj} play no part, except that oom_score_adj -1000 makes a task
 * unkillable; unkillable tasks (init, kernel threads, reaped or vforking tasks) are never chosen. With no killable
 * task the machine panics as Linux does: "System is deadlocked on memory".
 */
@AutoService(OomPolicyProvider.class)
public final class Youngest implements OomPolicyProvider {
    @Override
    public String name() {
        return "youngest";
    }

    @Override
    public String description() {
        return "Kills the most recently started killable task; ties to the larger pid";
    }

    @Override
    public OomPolicy create(PolicyArguments arguments) {
        return Youngest::decide;
    }

    private static OomDecision decide(OomRequest request) {
        OomCandidate chosen = null;
        for (OomCandidate candidate : request.candidates()) {
            if (!candidate.killable()) {
                continue;
            }
            if (chosen == null || candidate.startNanos() > chosen.startNanos()
                    || (candidate.startNanos() == chosen.startNanos() && candidate.pid() > chosen.pid())) {
                chosen = candidate;
            }
        }
        return chosen == null ? OomDecision.panic(Oom.DEADLOCKED) : OomDecision.kill(chosen.pid());
    }
}
