package org.mmsim.tools.units;

import java.util.Locale;

/**
 * Reads and writes sizes the way the kernel command line does ({@code memparse()} in lib/cmdline.c): a whole number
 * with an optional binary suffix K, M, G, T, P or E (either case), such as {@code 8G} or {@code 512k}.
 */
public final class Sizes {
    private Sizes() {
    }

    /**
     * Reads a size in bytes.
     *
     * @throws IllegalArgumentException saying what was found and what was expected
     */
    public static long parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw bad(text);
        }
        int shift = 0;
        char last = Character.toUpperCase(t.charAt(t.length() - 1));
        int suffix = "KMGTPE".indexOf(last);
        if (suffix >= 0) {
            shift = 10 * (suffix + 1);
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty() || !t.chars().allMatch(Character::isDigit)) {
            throw bad(text);
        }
        try {
            long value = Long.parseLong(t);
            if (value > (Long.MAX_VALUE >> shift)) {
                throw bad(text);
            }
            return value << shift;
        } catch (NumberFormatException e) {
            throw bad(text);
        }
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("bad size '" + text + "'; expected a whole number with an optional K, M, G or T suffix");
    }

    /** Writes bytes with the largest binary suffix that divides them exactly, such as {@code 8G}. */
    public static String format(long bytes) {
        String[] suffixes = {"", "K", "M", "G", "T", "P", "E"};
        int i = 0;
        while (i < suffixes.length - 1 && bytes != 0 && bytes % 1024 == 0) {
            bytes /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%d%s", bytes, suffixes[i]);
    }
}
