package org.mmsim.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One documented, typed parameter of a policy, given as {@code name=value} after the policy's name
 * ({@code 2q:kin=0.25:kout=0.5}).
 *
 * @param name the name, lower case letters, digits and dashes
 * @param type how the value is read
 * @param defaultValue the value used when none is given, as text
 * @param min the smallest value accepted (numbers only)
 * @param max the largest value accepted (numbers only)
 * @param description what the parameter means, with its source (the paper or kernel file)
 */
public record PolicyParameter(String name, ParameterType type, String defaultValue, double min, double max,
                              String description) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    public PolicyParameter {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("parameter name '" + name + "'; expected lower case letters, digits and dashes");
        }
        if (!(min <= max)) {
            throw new IllegalArgumentException("parameter " + name + ": min " + min + " above max " + max);
        }
        check(type.parse(defaultValue), name, min, max);
    }

    /** An integer parameter from {@code min} to {@code max}. */
    public static PolicyParameter ofInteger(String name, long defaultValue, long min, long max, String description) {
        return new PolicyParameter(name, ParameterType.INTEGER, Long.toString(defaultValue), min, max, description);
    }

    /** A decimal parameter from {@code min} to {@code max}. */
    public static PolicyParameter ofDecimal(String name, double defaultValue, double min, double max, String description) {
        return new PolicyParameter(name, ParameterType.DECIMAL, Double.toString(defaultValue), min, max, description);
    }

    /** A true/false parameter. */
    public static PolicyParameter ofBoolean(String name, boolean defaultValue, String description) {
        return new PolicyParameter(name, ParameterType.BOOLEAN, Boolean.toString(defaultValue), 0, 0, description);
    }

    /**
     * Reads and range-checks a value of this parameter.
     *
     * @throws IllegalArgumentException naming the parameter and what it expects
     */
    public Object read(String text) {
        Object value;
        try {
            value = type.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter " + name + " = " + e.getMessage(), e);
        }
        return check(value, name, min, max);
    }

    private static Object check(Object value, String name, double min, double max) {
        if (value instanceof Number) {
            double number = ((Number) value).doubleValue();
            if (number < min || number > max) {
                throw new IllegalArgumentException("parameter " + name + " = " + value + "; expected a value from "
                        + format(min) + " to " + format(max));
            }
        }
        return value;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) : Double.toString(bound);
    }
}
