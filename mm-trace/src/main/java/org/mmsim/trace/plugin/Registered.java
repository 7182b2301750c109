package org.mmsim.trace.plugin;

import org.mmsim.spi.PolicyProvider;

/**
 * A policy provider and where it was loaded from: {@code built-in}, or the jar it came from.
 *
 * @param kind {@code replacement} or {@code oom}
 * @param provider the provider
 * @param source where it came from
 */
public record Registered<P extends PolicyProvider>(String kind, P provider, String source) {
}
