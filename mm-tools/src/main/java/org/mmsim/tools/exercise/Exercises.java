package org.mmsim.tools.exercise;

import java.util.List;
import org.mmsim.spi.NearestName;
import org.mmsim.tools.machine.MachineAssembler;
import org.mmsim.trace.plugin.PolicyRegistry;

/** The kinds of exercise, and one generated from a seed: the same kind and seed give the same exercise. */
public final class Exercises {
    /** The kinds, as {@code ./mm exercise KIND} names them. */
    public static final List<String> KINDS = List.of("translate", "buddy", "replace", "oom", "cache");

    private Exercises() {
    }

    /**
     * An exercise of {@code kind}.
     *
     * @throws IllegalArgumentException for an unknown kind, naming those there are
     */
    public static Exercise generate(String kind, long seed, PolicyRegistry registry) {
        switch (kind) {
            case "translate":
                return Translation.generate(seed);
            case "buddy":
                return Buddy.generate(seed);
            case "replace":
                return Replacement.generate(seed, registry);
            case "oom":
                return OomChoice.generate(seed, registry);
            case "cache":
                return CacheLookup.generate(seed, MachineAssembler.cpuCaches());
            default:
                throw new IllegalArgumentException(NearestName.unknown("exercise", kind, KINDS));
        }
    }
}
