package org.mmsim.tools.view;

import java.util.Locale;

/**
 * {@code free} (procps-ng 4's src/free.c): total, used (MemTotal − MemAvailable), free, shared (Shmem), buff/cache
 * (Buffers + Cached + SReclaimable) or, with {@code -w}, buffers and cache apart, and available, for memory and
 * swap; a label of 9 columns, then values right-aligned in 11, one space apart.
 */
public final class Free {
    /** The unit of the values: {@code -b}, {@code -k} (the default), {@code -m}, {@code -g}, or {@code -h}. */
    public enum Unit { BYTES, KIBI, MEBI, GIBI, HUMAN }

    private Free() {
    }

    /** The report for {@code meminfo}. */
    public static String render(Meminfo m, Unit unit, boolean wide) {
        StringBuilder out = new StringBuilder(String.format("%-9s%11s %11s %11s %11s", "", "total", "used", "free", "shared"));
        if (wide) {
            out.append(String.format(" %11s %11s", "buffers", "cache"));
        } else {
            out.append(String.format(" %11s", "buff/cache"));
        }
        out.append(String.format(" %11s%n", "available"));
        out.append(String.format("%-9s%11s %11s %11s %11s", "Mem:", scale(m.get("MemTotal"), unit),
                scale(m.used(), unit), scale(m.get("MemFree"), unit), scale(m.get("Shmem"), unit)));
        if (wide) {
            out.append(String.format(" %11s %11s", scale(m.get("Buffers"), unit), scale(m.cache(), unit)));
        } else {
            out.append(String.format(" %11s", scale(m.get("Buffers") + m.cache(), unit)));
        }
        out.append(String.format(" %11s%n", scale(m.get("MemAvailable"), unit)));
        out.append(String.format("%-9s%11s %11s %11s%n", "Swap:", scale(m.get("SwapTotal"), unit),
                scale(m.swapUsed(), unit), scale(m.get("SwapFree"), unit)));
        return out.toString();
    }

    /**
     * One value given in KiB, in {@code unit}: whole units, truncated; {@code -h} as procps's scale_size() prints it,
     * in bytes if that fits in 4 characters, else the first power of 1024 that fits with one decimal or, failing
     * that, as a whole number, followed by {@code i} ({@code 8.7Mi}, {@code 214Mi}, {@code 23Gi}, {@code 0B}).
     */
    static String scale(long kib, Unit unit) {
        switch (unit) {
            case BYTES:
                return Long.toString(kib * 1024);
            case KIBI:
                return Long.toString(kib);
            case MEBI:
                return Long.toString(kib >> 10);
            case GIBI:
                return Long.toString(kib >> 20);
            default:
                break;
        }
        long bytes = kib * 1024;
        String plain = bytes + "B";
        if (plain.length() <= 4) {
            return plain;
        }
        String units = "KMGTPE";
        for (int i = 0; i < units.length(); i++) {
            double value = bytes / Math.pow(1024, i + 1);
            String decimal = String.format(Locale.ROOT, "%.1f%c", value, units.charAt(i));
            if (decimal.length() <= 4) {
                return decimal + "i";
            }
            String whole = String.format(Locale.ROOT, "%d%c", (long) value, units.charAt(i));
            if (whole.length() <= 4) {
                return whole + "i";
            }
        }
        return plain;
    }
}
