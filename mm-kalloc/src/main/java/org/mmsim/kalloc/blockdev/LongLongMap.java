package org.mmsim.kalloc.blockdev;

import java.util.Arrays;

/**
 * An open-addressing map from long to long with linear probing, no boxing: the disk's written blocks. Keys are
 * never removed (a block, once written, keeps its last content).
 */
final class LongLongMap {
    private static final long FREE = Long.MIN_VALUE;
    private long[] keys;
    private long[] values;
    private int size;

    LongLongMap() {
        keys = new long[1 << 10];
        values = new long[1 << 10];
        Arrays.fill(keys, FREE);
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** The value of {@code key}, or {@code missing}. */
    long get(long key, long missing) {
        int mask = keys.length - 1;
        for (int i = hash(key) & mask;; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == FREE) {
                return missing;
            }
        }
    }

    void put(long key, long value) {
        if (key == FREE) {
            throw new IllegalArgumentException("reserved key");
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = hash(key) & mask;; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            if (keys[i] == FREE) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, FREE);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    int size() {
        return size;
    }
}
