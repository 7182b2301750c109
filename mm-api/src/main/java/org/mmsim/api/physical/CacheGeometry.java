package org.mmsim.api.physical;

/**
 * The shape of one CPU cache, as {@code /sys/devices/system/cpu/cpuN/cache/indexM/} describes it (size,
 * ways_of_associativity, coherency_line_size, number_of_sets): a set-associative array indexed by bit selection, the
 * set of a line being its line number's low bits. Bit selection needs a power-of-two number of sets and line size;
 * lines of at least 16 bytes keep every access within two lines (an x86 instruction is at most 15 bytes, and larger
 * data accesses are cut to one line, as cachegrind cuts them).
 *
 * @param size bytes
 * @param ways lines a set holds (1: direct-mapped)
 * @param lineSize bytes a line holds
 */
public record CacheGeometry(long size, int ways, int lineSize) {
    /** The smallest line: see the type's description. */
    public static final int MIN_LINE_SIZE = 16;

    /**
     * Checks the geometry, in cachegrind's order and words.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public CacheGeometry {
        if (size < 1 || ways < 1 || lineSize < 1) {
            throw new IllegalArgumentException(describe(size, ways, lineSize) + ": expected a positive size, ways and line size");
        }
        if (size % ((long) lineSize * ways) != 0 || Long.bitCount(size / lineSize / ways) != 1) {
            throw new IllegalArgumentException(describe(size, ways, lineSize) + ": cache set count is not a power of two; "
                    + "expected SIZE / (WAYS x LINE) to be 1, 2, 4, 8...");
        }
        if (Integer.bitCount(lineSize) != 1) {
            throw new IllegalArgumentException(describe(size, ways, lineSize) + ": cache line size is not a power of two; "
                    + "expected 16, 32, 64, 128...");
        }
        if (lineSize < MIN_LINE_SIZE) {
            throw new IllegalArgumentException(describe(size, ways, lineSize) + ": cache line size is too small; expected at "
                    + "least " + MIN_LINE_SIZE);
        }
    }

    private static String describe(long size, int ways, int lineSize) {
        return size + "," + ways + "," + lineSize;
    }

    /** The number of sets: size / (ways × line size). */
    public int sets() {
        return (int) (size / lineSize / ways);
    }

    /** log2 of the line size: how far an address shifts to its line number. */
    public int lineShift() {
        return Integer.numberOfTrailingZeros(lineSize);
    }

    /**
     * Reads cachegrind's option syntax, {@code SIZE,WAYS,LINE} in bytes ({@code --D1=32768,8,64}).
     *
     * @throws IllegalArgumentException if the text is not three numbers or the geometry is not one a cache can have
     */
    public static CacheGeometry parse(String text) {
        String[] f = text.split(",", -1);
        if (f.length != 3) {
            throw new IllegalArgumentException("'" + text + "': expected SIZE,WAYS,LINE in bytes, such as 32768,8,64");
        }
        try {
            return new CacheGeometry(Long.parseLong(f[0].trim()), Integer.parseInt(f[1].trim()), Integer.parseInt(f[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': expected SIZE,WAYS,LINE in bytes, such as 32768,8,64", e);
        }
    }

    /** As cachegrind's {@code desc:} lines say it: {@code 32768 B, 64 B, 8-way associative} or {@code direct-mapped}. */
    @Override
    public String toString() {
        return size + " B, " + lineSize + " B, " + (ways == 1 ? "direct-mapped" : ways + "-way associative");
    }
}
