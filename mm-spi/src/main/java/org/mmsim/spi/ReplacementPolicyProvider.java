package org.mmsim.spi;

/**
 * A factory of {@link ReplacementPolicy} instances: the extension point for page-replacement algorithms, which
 * decide what Linux's {@code shrink_inactive_list()} decides, which resident page to give up next.
 *
 * <p>The same provider drives a plain trace replay ({@code ./mm replay}) and the simulated kernel's reclaim: each
 * creates its own instances, one per simulation, and owns their lifecycle.
 */
public interface ReplacementPolicyProvider extends PolicyProvider {
    /**
     * Whether the policy needs to know each request's next use (Belady's OPT does). Its instances then implement
     * {@link FutureAware}, and only a host that knows the future (a trace replay) can run them.
     */
    default boolean needsFuture() {
        return false;
    }

    /**
     * Creates a policy for one simulation.
     *
     * @param settings the number of slots, the seed, and the parameter values, already checked against
     *     {@link #parameters()}
     */
    ReplacementPolicy create(PolicySettings settings);
}
