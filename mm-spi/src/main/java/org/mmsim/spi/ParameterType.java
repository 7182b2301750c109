package org.mmsim.spi;

/** The type of a {@link PolicyParameter}, which decides how its text is read. */
public enum ParameterType {
    /** A whole number, such as {@code 8}. */
    INTEGER("an integer"),
    /** A decimal number, such as {@code 0.25}. */
    DECIMAL("a number"),
    /** {@code true} or {@code false}. */
    BOOLEAN("true or false");

    private final String expected;

    ParameterType(String expected) {
        this.expected = expected;
    }

    /** How an error message says what this type expects, such as "an integer". */
    public String expected() {
        return expected;
    }

    /**
     * Reads a value of this type: a {@link Long}, a {@link Double} or a {@link Boolean}.
     *
     * @throws IllegalArgumentException if the text is not a value of this type
     */
    public Object parse(String text) {
        try {
            switch (this) {
                case INTEGER:
                    return Long.parseLong(text.trim());
                case DECIMAL:
                    double value = Double.parseDouble(text.trim());
                    if (!Double.isFinite(value)) {
                        throw new NumberFormatException(text);
                    }
                    return value;
                default:
                    if (text.equals("true") || text.equals("false")) {
                        return Boolean.valueOf(text);
                    }
                    throw new NumberFormatException(text);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "'; expected " + expected, e);
        }
    }
}
