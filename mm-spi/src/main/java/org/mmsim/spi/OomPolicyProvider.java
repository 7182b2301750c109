package org.mmsim.spi;

/**
 * A factory of {@link OomPolicy} instances: the extension point for choosing which process the OOM killer kills,
 * the decision Linux makes in {@code select_bad_process()} with {@code oom_badness()}.
 */
public interface OomPolicyProvider extends PolicyProvider {
    /**
     * Creates a policy for one machine.
     *
     * @param arguments the parameter values, already checked against {@link #parameters()}
     */
    OomPolicy create(PolicyArguments arguments);
}
