package org.mmsim.spi.util;

/**
 * A map from {@code long} keys to {@code int} values that never boxes: open addressing with linear probing,
 * Fibonacci hashing and backward-shift deletion (no tombstones, so probe lengths stay short under the endless
 * insert/remove churn of a cache). Page keys, frame numbers and addresses are its keys on hot paths.
 *
 * <p>The table doubles when it is half full. Not thread-safe.
 */
public final class LongIntHashMap {
    private static final long FREE = 0L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final int missing;
    private long[] keys;
    private int[] values;
    private int bits;
    private int mask;
    private int size;
    private boolean hasFreeKey;
    private int freeKeyValue;

    /**
     * @param expectedSize how many entries the map should hold without growing
     * @param missingValue what {@link #get(long)} and the updating methods return for an absent key
     */
    public LongIntHashMap(int expectedSize, int missingValue) {
        if (expectedSize < 0) {
            throw new IllegalArgumentException("expectedSize " + expectedSize + "; expected 0 or more");
        }
        missing = missingValue;
        allocate(Math.max(4, 64 - Long.numberOfLeadingZeros(Math.max(1L, (long) expectedSize * 2 - 1))));
    }

    private void allocate(int tableBits) {
        if (tableBits > 30) {
            throw new IllegalStateException("LongIntHashMap cannot hold more than 2^29 entries");
        }
        bits = tableBits;
        mask = (1 << tableBits) - 1;
        keys = new long[1 << tableBits];
        values = new int[1 << tableBits];
    }

    private int home(long key) {
        return (int) ((key * GOLDEN) >>> (64 - bits));
    }

    /** The number of entries. */
    public int size() {
        return size;
    }

    /** The value of {@code key}, or the missing value. */
    public int get(long key) {
        if (key == FREE) {
            return hasFreeKey ? freeKeyValue : missing;
        }
        int i = home(key);
        while (true) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == FREE) {
                return missing;
            }
            i = (i + 1) & mask;
        }
    }

    /** Whether {@code key} has a value. */
    public boolean containsKey(long key) {
        if (key == FREE) {
            return hasFreeKey;
        }
        int i = home(key);
        while (true) {
            long k = keys[i];
            if (k == key) {
                return true;
            }
            if (k == FREE) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /** Sets the value of {@code key} and returns the one it replaced, or the missing value. */
    public int put(long key, int value) {
        if (key == FREE) {
            int previous = hasFreeKey ? freeKeyValue : missing;
            if (!hasFreeKey) {
                hasFreeKey = true;
                size++;
            }
            freeKeyValue = value;
            return previous;
        }
        int i = home(key);
        while (true) {
            long k = keys[i];
            if (k == key) {
                int previous = values[i];
                values[i] = value;
                return previous;
            }
            if (k == FREE) {
                keys[i] = key;
                values[i] = value;
                if (++size > (mask + 1) >> 1) {
                    grow();
                }
                return missing;
            }
            i = (i + 1) & mask;
        }
    }

    /** Removes {@code key} and returns its value, or the missing value. */
    public int remove(long key) {
        if (key == FREE) {
            if (!hasFreeKey) {
                return missing;
            }
            hasFreeKey = false;
            size--;
            return freeKeyValue;
        }
        int i = home(key);
        while (true) {
            long k = keys[i];
            if (k == key) {
                int previous = values[i];
                shiftBack(i);
                size--;
                return previous;
            }
            if (k == FREE) {
                return missing;
            }
            i = (i + 1) & mask;
        }
    }

    /** Closes the gap at {@code gap} by moving back every later entry of the run that may live there. */
    private void shiftBack(int gap) {
        int j = gap;
        while (true) {
            j = (j + 1) & mask;
            long k = keys[j];
            if (k == FREE) {
                break;
            }
            if (((j - home(k)) & mask) >= ((j - gap) & mask)) {
                keys[gap] = k;
                values[gap] = values[j];
                gap = j;
            }
        }
        keys[gap] = FREE;
    }

    /** Removes every entry, keeping the table's size. */
    public void clear() {
        java.util.Arrays.fill(keys, FREE);
        hasFreeKey = false;
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(bits + 1);
        for (int i = 0; i < oldKeys.length; i++) {
            long k = oldKeys[i];
            if (k != FREE) {
                int j = home(k);
                while (keys[j] != FREE) {
                    j = (j + 1) & mask;
                }
                keys[j] = k;
                values[j] = oldValues[i];
            }
        }
    }
}
