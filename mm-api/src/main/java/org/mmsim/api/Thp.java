package org.mmsim.api;

/**
 * The transparent-hugepage mode ({@code /sys/kernel/mm/transparent_hugepage/enabled}). With {@code always} or
 * {@code madvise}, khugepaged runs and raises {@code min_free_kbytes} to keep pageblocks free for huge pages
 * ({@code set_recommended_min_free_kbytes()} in mm/khugepaged.c).
 */
public enum Thp {
    ALWAYS("always"),
    MADVISE("madvise"),
    NEVER("never");

    private final String sysfsName;

    Thp(String sysfsName) {
        this.sysfsName = sysfsName;
    }

    /** The name the sysfs file shows. */
    public String sysfsName() {
        return sysfsName;
    }

    /**
     * The mode named {@code name}.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Thp byName(String name) {
        for (Thp mode : values()) {
            if (mode.sysfsName.equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown thp mode '" + name + "'; expected always, madvise or never");
    }
}
