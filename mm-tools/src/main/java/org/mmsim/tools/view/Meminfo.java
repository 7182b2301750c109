package org.mmsim.tools.view;

import java.util.HashMap;
import java.util.Map;

/**
 * /proc/meminfo as procps reads it (library/meminfo.c): each {@code Label: value kB} line parsed into kibibytes by
 * label, so the tools derive their figures from the file's text, as on a real machine, and not from the layers.
 */
public final class Meminfo {
    private final Map<String, Long> kb = new HashMap<>();

    private Meminfo(String text) {
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String[] value = line.substring(colon + 1).trim().split(" +");
                kb.put(line.substring(0, colon), Long.parseLong(value[0]));
            }
        }
    }

    /** Parses the text of /proc/meminfo. */
    public static Meminfo parse(String text) {
        return new Meminfo(text);
    }

    /** The value of {@code label} in KiB, 0 if the file has no such line. */
    public long get(String label) {
        return kb.getOrDefault(label, 0L);
    }

    /** {@code MemTotal − MemAvailable}, or {@code MemTotal − MemFree} if that is out of range (procps 4's "used"). */
    public long used() {
        long total = get("MemTotal");
        long used = total - get("MemAvailable");
        return used < 0 || get("MemAvailable") > total ? total - get("MemFree") : used;
    }

    /** procps's "cache": {@code Cached + SReclaimable}. */
    public long cache() {
        return get("Cached") + get("SReclaimable");
    }

    /** {@code SwapTotal − SwapFree}. */
    public long swapUsed() {
        return get("SwapTotal") - get("SwapFree");
    }
}
