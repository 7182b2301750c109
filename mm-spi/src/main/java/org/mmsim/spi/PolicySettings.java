package org.mmsim.spi;

import java.util.Objects;

/**
 * What a host gives a policy when it creates one for a simulation.
 *
 * @param capacity the number of slots: the most pages resident at once, at least 1
 * @param seed the seed of every random choice the policy makes
 * @param arguments the values of the provider's {@link PolicyProvider#parameters() parameters}
 */
public record PolicySettings(int capacity, long seed, PolicyArguments arguments) {
    public PolicySettings {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + "; expected at least 1");
        }
        Objects.requireNonNull(arguments, "arguments");
    }
}
