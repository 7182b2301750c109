package org.mmsim.reclaim.oom;

import org.mmsim.api.reclaim.OomVictimSelector;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomPolicy;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.OomRequest;
import org.mmsim.spi.PluginFailureException;
import org.mmsim.spi.watchdog.PluginWatch;

/**
 * Asks the OOM policy plugin for its decision and checks it before the kernel acts on it, as a host must treat a
 * plugin: an exception (or an error of the plugin's, a stack overflow), a null answer, or a kill of a pid that is not
 * a killable candidate stops the policy with an error naming it and the call, and the OOM killer does nothing. Each
 * call is under the machine's plugin watchdog: one that never returns is stopped too.
 */
public final class GuardedOomSelector implements OomVictimSelector {
    private final String name;
    private final OomPolicy policy;
    private final PluginWatch watch;

    /** Guards {@code policy}, named {@code name}, under {@code watch}. */
    public GuardedOomSelector(String name, OomPolicy policy, PluginWatch watch) {
        this.name = name;
        this.policy = policy;
        this.watch = watch;
        watch.guard(name, policy);
    }

    /**
     * The guarded policy {@code provider} creates with {@code arguments}.
     *
     * @throws PluginFailureException if {@code create()} throws or returns null
     */
    public static GuardedOomSelector create(OomPolicyProvider provider, PolicyArguments arguments, PluginWatch watch) {
        watch.guard(provider.name(), provider);
        OomPolicy policy;
        try {
            policy = provider.create(arguments);
        } catch (RuntimeException | Error e) {
            throw PluginFailureException.threw(provider.name(), "create", e);
        }
        if (policy == null) {
            throw new PluginFailureException(provider.name(), "create() returned null", null);
        }
        watch.advance();
        return new GuardedOomSelector(provider.name(), policy, watch);
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
        } catch (RuntimeException | Error e) {
            throw PluginFailureException.threw(name, "decide", e);
        }
        watch.advance();
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
