package org.mmsim.trace.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mmsim.spi.BadInputException;

/**
 * A cache size as a user gives it: a number of pages, or a share of the trace's distinct keys ({@code 10%}).
 *
 * @param pages the pages, when absolute
 * @param percent the share of distinct keys in percent, when relative (NaN otherwise)
 * @param text what the user wrote
 */
public record Capacity(long pages, double percent, String text) {
    /** The largest capacity accepted: a simulation allocates some tens of bytes per slot. */
    public static final long MAX = 1L << 28;

    /**
     * Reads {@code 27517} or {@code 10%}.
     *
     * @throws IllegalArgumentException for zero, a negative, a non-number, or more than {@link #MAX}
     */
    public static Capacity parse(String text) {
        String t = text.trim();
        try {
            if (t.endsWith("%")) {
                double percent = Double.parseDouble(t.substring(0, t.length() - 1));
                if (!(percent > 0 && percent <= 100)) {
                    throw new NumberFormatException();
                }
                return new Capacity(0, percent, t);
            }
            long pages = Long.parseLong(t);
            if (pages < 1 || pages > MAX) {
                throw new NumberFormatException();
            }
            return new Capacity(pages, Double.NaN, t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("capacity '" + text + "'; expected a whole number of pages from 1 to "
                    + MAX + ", or a share of the distinct keys such as 10%");
        }
    }

    /**
     * Reads the cache sizes a user gave in one place, such as an option's values.
     *
     * @param where where they were given, for the message ({@code --capacity})
     * @throws BadInputException naming the place, for any size {@link #parse} refuses
     */
    public static List<Capacity> parseAll(List<String> texts, String where) {
        List<Capacity> sizes = new ArrayList<>();
        for (String text : texts) {
            try {
                sizes.add(parse(text));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(where + ": " + e.getMessage(), e);
            }
        }
        return sizes;
    }

    /** Whether this is a share of the distinct keys. */
    public boolean isRelative() {
        return !Double.isNaN(percent);
    }

    /** The pages for a trace with {@code distinct} keys: a share rounds to the nearest page, at least 1. */
    public int resolve(long distinct) {
        return isRelative() ? (int) Math.max(1, Math.round(distinct * percent / 100)) : (int) pages;
    }

    @Override
    public String toString() {
        return isRelative() ? String.format(Locale.ROOT, "%s%%", percent) : Long.toString(pages);
    }
}
