package org.mmsim.plugins.oom;

import com.google.auto.service.AutoService;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomPolicy;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.OomRequest;
import org.mmsim.spi.PolicyArguments;

/**
 * {@code vm.panic_on_oom = 1}: every out-of-memory event panics the machine instead of killing a task, as
 * {@code check_panic_on_oom()} in mm/oom_kill.c does before any victim is selected. Clusters use it to fail a node
 * over fast rather than let it run on with a task missing.
 *
 * <p>The panic text is the kernel's, {@code "Out of memory: %s panic_on_oom is enabled"} with "system-wide". Open
 * choices: with {@code panic_on_oom = 1} the kernel panics only for an unconstrained OOM and kills as usual when a
 * cpuset, mempolicy or memcg limit ran out; a request carries no constraint, so every request is taken as
 * unconstrained. A sysrq-triggered OOM, which never panics, does not occur here. Whether anything is killable does
 * not matter: the check comes first.
 */
@AutoService(OomPolicyProvider.class)
public final class PanicOnOom implements OomPolicyProvider {
    /** The text of {@code check_panic_on_oom()}'s panic with {@code vm.panic_on_oom = 1}. */
    static final String MESSAGE = "Out of memory: system-wide panic_on_oom is enabled";

    @Override
    public String name() {
        return "panic";
    }

    @Override
    public String description() {
        return "vm.panic_on_oom=1: panics on every OOM instead of killing (check_panic_on_oom() in mm/oom_kill.c)";
    }

    @Override
    public OomPolicy create(PolicyArguments arguments) {
        return PanicOnOom::decide;
    }

    private static OomDecision decide(OomRequest request) {
        return OomDecision.panic(MESSAGE);
    }
}
