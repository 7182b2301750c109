package org.mmsim.tools.scenario;

import java.util.List;
import java.util.Map;
import org.mmsim.api.Arch;
import org.mmsim.api.MachineConfig;
import org.mmsim.tools.units.Sizes;

/**
 * The {@code key=value} words of a {@code machine} line (and of {@code --machine} options), applied to a
 * {@link MachineConfig.Builder}: {@code arch}, {@code ram}, {@code nodes}, {@code cpus}, {@code levels},
 * {@code swap}, {@code movablecore}, {@code thp}, {@code policy}, {@code oom} and {@code seed}.
 */
public final class MachineOptions {
    /** The keys, in the order help lists them. */
    public static final List<String> KEYS = List.of("arch", "ram", "swap", "nodes", "cpus", "levels", "movablecore", "thp",
            "policy", "oom", "seed");

    private MachineOptions() {
    }

    /**
     * Applies one key.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, saying what was expected
     */
    public static void apply(MachineConfig.Builder builder, String key, String value) {
        switch (key) {
            case "arch":
                builder.arch(Arch.byUnameName(value));
                break;
            case "ram":
                builder.ramBytes(size(key, value));
                break;
            case "swap":
                builder.swapBytes(size(key, value));
                break;
            case "movablecore":
                builder.movableCoreBytes(size(key, value));
                break;
            case "thp":
                builder.thp(org.mmsim.api.Thp.byName(value));
                break;
            case "nodes":
                builder.nodes(integer(key, value));
                break;
            case "cpus":
                builder.cpus(integer(key, value));
                break;
            case "levels":
                builder.pagingLevels(integer(key, value));
                break;
            case "policy":
                builder.replacementPolicy(value);
                break;
            case "oom":
                builder.oomPolicy(value);
                break;
            case "seed":
                builder.seed(longValue(key, value));
                break;
            default:
                throw new IllegalArgumentException("unknown machine key '" + key + "'; expected one of " + String.join(", ", KEYS));
        }
    }

    /** Applies every key in order. */
    public static void applyAll(MachineConfig.Builder builder, Map<String, String> values) {
        values.forEach((key, value) -> apply(builder, key, value));
    }

    private static long size(String key, String value) {
        try {
            return Sizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("; expected", " for " + key + "; expected"), e);
        }
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + key + " '" + value + "'; expected a whole number");
        }
    }

    private static long longValue(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + key + " '" + value + "'; expected a whole number");
        }
    }
}
