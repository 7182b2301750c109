package org.mmsim.spi;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The name a user most likely meant when they typed one mmsim does not know, for the {@code did you mean 'touch'?}
 * of every "unknown ..." message (verbs, commands, options, policies and their parameters, trace formats, machine
 * keys, /proc paths): the known name nearest by optimal string alignment distance (Levenshtein's insertions,
 * deletions and substitutions plus transpositions of two adjacent letters, each costing one, as git's
 * {@code help.autocorrect} counts them), ignoring case, if it is near enough to be a typo.
 */
public final class NearestName {
    private NearestName() {
    }

    /**
     * The known name nearest to {@code typed}, if it is near enough to be a typo of it: {@code touhc} is
     * {@code touch}, {@code nope} is no policy, {@code /proc/cpuinfo} is not {@code /proc/meminfo}. Ties go to the name
     * met first.
     */
    public static Optional<String> of(String typed, Collection<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = typed.toLowerCase(Locale.ROOT);
        for (String name : names) {
            String other = name.toLowerCase(Locale.ROOT);
            int d = distance(lower, other);
            if (d < bestDistance && typo(lower, other, d)) {
                best = name;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Whether {@code a} may be a typo of {@code b}, {@code d} edits apart: at most a third of the shorter one's letters
     * (one edit for short names, and never the whole of what was typed), and, beyond a single edit, not a word
     * replaced by another where the two differ ({@code cpu} for {@code mem} between {@code /proc/} and {@code info}).
     */
    private static boolean typo(String a, String b, int d) {
        if (d > Math.max(1, Math.min(a.length(), b.length()) / 3) || d >= a.length()) {
            return false;
        }
        int prefix = 0;
        while (prefix < a.length() && prefix < b.length() && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length() - prefix && suffix < b.length() - prefix
                && a.charAt(a.length() - 1 - suffix) == b.charAt(b.length() - 1 - suffix)) {
            suffix++;
        }
        return d == 1 || d < Math.max(a.length(), b.length()) - prefix - suffix;
    }

    /** {@code ; did you mean 'NAME'?} for the nearest name, or nothing if none is near: the end of an error message. */
    public static String hint(String typed, Collection<String> names) {
        return of(typed, names).map(name -> "; did you mean '" + name + "'?").orElse("");
    }

    /**
     * What was expected instead of {@code typed}: the {@link #hint} if a name is near (the one the user meant, without
     * a list to read through), else {@code ; expected one of A, B, C}.
     */
    public static String expected(String typed, Collection<String> names) {
        String hint = hint(typed, names);
        return hint.isEmpty() ? "; expected one of " + String.join(", ", names) : hint;
    }

    /**
     * The message for a name that is not one of {@code names}: {@code unknown WHAT 'TYPED'} and what was
     * {@link #expected}.
     *
     * @param what what kind of name, such as {@code trace format}
     */
    public static String unknown(String what, String typed, Collection<String> names) {
        return "unknown " + what + " '" + typed + "'" + expected(typed, names);
    }

    /** The optimal string alignment distance between {@code a} and {@code b}. */
    static int distance(String a, String b) {
        // Three rows of the dynamic programme: the one before the previous is what a transposition reaches back to.
        int[] before = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                current[j] = d;
            }
            int[] spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return previous[b.length()];
    }
}
