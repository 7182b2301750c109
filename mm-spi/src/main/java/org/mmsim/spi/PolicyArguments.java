package org.mmsim.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of a policy's parameters for one simulation: every declared parameter has one, either given or its
 * default, already read and range-checked.
 */
public final class PolicyArguments {
    private static final PolicyArguments NONE = new PolicyArguments(Map.of());

    private final Map<String, Object> values;

    private PolicyArguments(Map<String, Object> values) {
        this.values = values;
    }

    /** The arguments of a policy that declares no parameters. */
    public static PolicyArguments none() {
        return NONE;
    }

    /**
     * Reads the given {@code name=value} texts against the declared parameters and fills in defaults.
     *
     * @throws IllegalArgumentException for a name that is not declared or a value out of type or range
     */
    public static PolicyArguments resolve(List<PolicyParameter> declared, Map<String, String> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (PolicyParameter parameter : declared) {
            String text = given.get(parameter.name());
            values.put(parameter.name(), parameter.read(text == null ? parameter.defaultValue() : text));
        }
        for (String name : given.keySet()) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException(declared.isEmpty() ? "unknown parameter '" + name + "'; expected none"
                        : NearestName.unknown("parameter", name, values.keySet()));
            }
        }
        return new PolicyArguments(Collections.unmodifiableMap(values));
    }

    /** An integer parameter's value, narrowed to int. */
    public int intValue(String name) {
        return Math.toIntExact((Long) value(name, ParameterType.INTEGER));
    }

    /** An integer parameter's value. */
    public long longValue(String name) {
        return (Long) value(name, ParameterType.INTEGER);
    }

    /** A decimal parameter's value. */
    public double doubleValue(String name) {
        return (Double) value(name, ParameterType.DECIMAL);
    }

    /** A true/false parameter's value. */
    public boolean booleanValue(String name) {
        return (Boolean) value(name, ParameterType.BOOLEAN);
    }

    /** Every value by name, in declaration order. */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object value(String name, ParameterType type) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; declared: " + values.keySet());
        }
        Class<?> expected = type == ParameterType.INTEGER ? Long.class : type == ParameterType.DECIMAL ? Double.class : Boolean.class;
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException("parameter '" + name + "' is not " + type.expected());
        }
        return value;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
