package org.mmsim.plugins.replacement;

import java.util.List;
import java.util.Map;
import org.mmsim.api.spi.PolicyArguments;
import org.mmsim.api.spi.PolicyParameter;
import org.mmsim.api.spi.PolicySettings;
import org.mmsim.api.spi.ReplacementPolicy;
import org.mmsim.api.spi.ReplacementPolicyProvider;
import org.mmsim.testkit.ReplacementHarness;

/** Hosts a provider's policy in a {@link ReplacementHarness} and keeps the policy, so tests can inspect its state. */
final class Capturing implements ReplacementPolicyProvider {
    private final ReplacementPolicyProvider provider;
    private ReplacementPolicy policy;
    private ReplacementHarness harness;

    private Capturing(ReplacementPolicyProvider provider) {
        this.provider = provider;
    }

    /** A harness around a policy of {@code provider} with the given parameter texts; {@link #policy()} is its policy. */
    static Capturing host(ReplacementPolicyProvider provider, int capacity, Map<String, String> arguments) {
        Capturing capturing = new Capturing(provider);
        capturing.harness = new ReplacementHarness(capturing,
                new PolicySettings(capacity, 1, PolicyArguments.resolve(provider.parameters(), arguments)));
        return capturing;
    }

    ReplacementHarness harness() {
        return harness;
    }

    ReplacementPolicy policy() {
        return policy;
    }

    @Override
    public String name() {
        return provider.name();
    }

    @Override
    public String description() {
        return provider.description();
    }

    @Override
    public List<PolicyParameter> parameters() {
        return provider.parameters();
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        policy = provider.create(settings);
        return policy;
    }
}
