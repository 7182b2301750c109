package org.mmsim.reclaim.oom;

import org.mmsim.api.reclaim.OomVictimSelector;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomPolicy;
import org.mmsim.spi.OomRequest;
import org.mmsim.spi.PluginFailureException;

/**
 * Asks the OOM policy plugin for its decision and checks it before the kernel acts on it, as a host must treat a
 * plugin: an exception, a null answer, or a kill of a pid that is not a killable candidate stops the policy with an
 * error naming it, and the OOM killer does nothing.
 */
public final class GuardedOomSelector implements OomVictimSelector {
    private final String name;
    private final OomPolicy policy;

    public GuardedOomSelector(String name, OomPolicy policy) {
        this.name = name;
        this.policy = policy;
    }

    @Override
    public String policyName() {
        return name;
    }

    @Override
    public OomDecision selectBadProcess(OomRequest request) {
        OomDecision decision;
        try {
            decision = policy.decide(request);
        } catch (RuntimeException | StackOverflowError e) {
            throw new PluginFailureException(name, "threw in decide()", e);
        }
        if (decision == null) {
            throw new PluginFailureException(name, "decide() returned null", null);
        }
        if (decision instanceof OomDecision.Kill) {
            int pid = ((OomDecision.Kill) decision).pid();
            OomCandidate victim = null;
            for (OomCandidate candidate : request.candidates()) {
                if (candidate.pid() == pid) {
                    victim = candidate;
                }
            }
            if (victim == null) {
                throw new PluginFailureException(name, "chose pid " + pid + ", which is not a candidate", null);
            }
            if (!victim.killable()) {
                throw new PluginFailureException(name, "chose pid " + pid + " (" + victim.name() + "), which may not be killed", null);
            }
        }
        return decision;
    }
}
