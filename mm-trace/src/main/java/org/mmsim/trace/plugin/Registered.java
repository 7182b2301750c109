package org.mmsim.trace.plugin;

import java.util.List;
import org.mmsim.spi.PluginFailureException;
import org.mmsim.spi.PolicyParameter;
import org.mmsim.spi.PolicyProvider;

/**
 * A policy provider and where it was loaded from: {@code built-in}, or the jar it came from.
 *
 * @param kind {@code replacement} or {@code oom}
 * @param provider the provider
 * @param source where it came from
 */
public record Registered<P extends PolicyProvider>(String kind, P provider, String source) {
    /**
     * The provider's parameters, asked as a host asks a plugin.
     *
     * @throws PluginFailureException naming the policy and {@code parameters()} if it throws or returns null
     */
    public List<PolicyParameter> parameters() {
        List<PolicyParameter> parameters;
        try {
            parameters = provider.parameters();
        } catch (RuntimeException | Error e) {
            throw PluginFailureException.threw(provider.name(), "parameters", e);
        }
        if (parameters == null) {
            throw new PluginFailureException(provider.name(), "parameters() returned null", null);
        }
        return parameters;
    }
}
