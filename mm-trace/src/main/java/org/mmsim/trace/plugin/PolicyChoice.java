package org.mmsim.trace.plugin;

import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicyProvider;

/**
 * A policy as a user chose it ({@code clock-pro:hot-ratio=0.5}): its provider and its checked arguments.
 *
 * @param spec the text the user wrote
 * @param registered the provider and its source
 * @param arguments the parameter values, defaults filled in
 */
public record PolicyChoice<P extends PolicyProvider>(String spec, Registered<P> registered, PolicyArguments arguments) {
    /** The provider. */
    public P provider() {
        return registered.provider();
    }

    /** The policy's name. */
    public String name() {
        return registered.provider().name();
    }
}
