package org.mmsim.tools.units;

/**
 * Reads durations of simulated time: a number with a unit {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}
 * or {@code h}, such as {@code 500ms}; a bare number is seconds, as vmstat's and sar's intervals are.
 */
public final class Durations {
    private static final String[] UNITS = {"ns", "us", "ms", "s", "m", "h"};
    private static final long[] NANOS = {1L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L, 3_600_000_000_000L};

    private Durations() {
    }

    /**
     * Reads a duration in nanoseconds.
     *
     * @throws IllegalArgumentException saying what was found and what was expected
     */
    public static long parseNanos(String text) {
        String t = text.trim();
        long unit = NANOS[3];
        for (int i = 0; i < UNITS.length; i++) {
            // Two-letter units come first, so "ms" is never read as "s".
            if (t.endsWith(UNITS[i])) {
                unit = NANOS[i];
                t = t.substring(0, t.length() - UNITS[i].length());
                break;
            }
        }
        try {
            double value = Double.parseDouble(t);
            if (t.isEmpty() || !Character.isDigit(t.charAt(t.length() - 1)) || value < 0 || value * unit > Long.MAX_VALUE / 2.0) {
                throw new NumberFormatException(t);
            }
            return Math.round(value * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration '" + text + "'; expected a number with a unit ns, us, ms, s, m or h");
        }
    }
}
