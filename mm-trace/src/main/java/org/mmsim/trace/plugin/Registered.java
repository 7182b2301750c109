package org.mmsim.trace.plugin;

import java.util.List;
import org.mmsim.spi.PluginFailureException;
import org.mmsim.spi.PolicyParameter;
import org.mmsim.spi.PolicyProvider;
import org.mmsim.spi.watchdog.PluginWatch;
import org.mmsim.spi.watchdog.PluginWatchdog;

/**
 * A policy provider and where it was loaded from: {@code built-in}, or the jar it came from.
 *
 * @param kind {@code replacement} or {@code oom}
 * @param provider the provider
 * @param source where it came from
 */
public record Registered<P extends PolicyProvider>(String kind, P provider, String source) {
    /**
     * The provider's parameters, asked as a host asks a plugin: under the plugin watchdog.
     *
     * @throws PluginFailureException naming the policy and {@code parameters()} if it throws, returns null or never
     *     returns
     */
    public List<PolicyParameter> parameters() {
        PluginWatch watch = new PluginWatch(null);
        watch.guard(provider.name(), provider);
        List<PolicyParameter> parameters = PluginWatchdog.call(watch, () -> {
            try {
                return provider.parameters();
            } catch (RuntimeException | Error e) {
                throw PluginFailureException.threw(provider.name(), "parameters", e);
            }
        });
        if (parameters == null) {
            throw new PluginFailureException(provider.name(), "parameters() returned null", null);
        }
        return parameters;
    }
}
