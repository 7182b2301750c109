package org.mmsim.trace.plugin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A policy as written on a command line or in a scenario: a name, then {@code :name=value} for each parameter, such
 * as {@code 2q:kin=0.25:kout=0.5}. Colons separate parameters because commas separate policies in lists.
 *
 * @param name the policy's name
 * @param parameters the parameter texts by name, in the order written
 */
public record PolicySpec(String name, Map<String, String> parameters) {

    /**
     * Reads a spec.
     *
     * @throws IllegalArgumentException saying what was found and what was expected
     */
    public static PolicySpec parse(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts[0].isEmpty()) {
            throw new IllegalArgumentException("policy '" + text + "' has no name; expected NAME[:PARAMETER=VALUE...]");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0 || eq == parts[i].length() - 1) {
                throw new IllegalArgumentException("policy '" + text + "': '" + parts[i] + "'; expected PARAMETER=VALUE");
            }
            if (parameters.put(parts[i].substring(0, eq), parts[i].substring(eq + 1)) != null) {
                throw new IllegalArgumentException("policy '" + text + "' sets " + parts[i].substring(0, eq) + " twice");
            }
        }
        return new PolicySpec(parts[0], Map.copyOf(parameters));
    }
}
