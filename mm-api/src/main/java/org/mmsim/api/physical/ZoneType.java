package org.mmsim.api.physical;

/**
 * The kinds of memory zone ({@code enum zone_type} in include/linux/mmzone.h), in the kernel's order, with the
 * names /proc prints ({@code zone_names[]} in mm/page_alloc.c).
 */
public enum ZoneType {
    /** Memory old ISA devices can reach: below 16 MiB. */
    DMA("DMA"),
    /** Memory 32-bit devices can reach: below 4 GiB (x86-64 only). */
    DMA32("DMA32"),
    /** Everything else the kernel maps directly. */
    NORMAL("Normal"),
    /** Memory above the kernel's direct map (i386: above 896 MiB). */
    HIGHMEM("HighMem"),
    /** Memory only movable pages may use ({@code movablecore=}), so it can be emptied. */
    MOVABLE("Movable"),
    /** Device memory (ZONE_DEVICE); counted in /proc/vmstat, never allocated from. */
    DEVICE("Device");

    private final String kernelName;

    ZoneType(String kernelName) {
        this.kernelName = kernelName;
    }

    /** The name /proc/zoneinfo and /proc/buddyinfo print, such as {@code Normal}. */
    public String kernelName() {
        return kernelName;
    }
}
