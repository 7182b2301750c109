package org.mmsim.api;

/**
 * The simulated architecture, as {@code uname -m} names it. It decides the zones (x86-64: DMA, DMA32, Normal;
 * i386: DMA, Normal, HighMem) and the page-table formats (x86-64: 4 or 5 levels; i386: 2 levels, or 3 with PAE).
 */
public enum Arch {
    X86_64("x86_64", 4, 5),
    I386("i386", 2, 3);

    private final String unameName;
    private final int[] pagingLevels;

    Arch(String unameName, int... pagingLevels) {
        this.unameName = unameName;
        this.pagingLevels = pagingLevels;
    }

    /** The name {@code uname -m} prints. */
    public String unameName() {
        return unameName;
    }

    /** The default page-table depth: the first of {@link #supportsPagingLevels(int) the supported ones}. */
    public int defaultPagingLevels() {
        return pagingLevels[0];
    }

    /** Whether this architecture's MMU walks page tables of this depth (x86-64: 4, or 5 with LA57; i386: 2, or 3 with PAE). */
    public boolean supportsPagingLevels(int levels) {
        for (int supported : pagingLevels) {
            if (supported == levels) {
                return true;
            }
        }
        return false;
    }

    /**
     * Looks an architecture up by its {@code uname -m} name.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Arch byUnameName(String name) {
        for (Arch arch : values()) {
            if (arch.unameName.equals(name)) {
                return arch;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + name + "'; expected x86_64 or i386");
    }
}
