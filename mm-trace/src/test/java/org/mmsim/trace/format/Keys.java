package org.mmsim.trace.format;

import java.nio.file.Path;
import java.util.Arrays;

/** Decodes a whole trace into a long[] for tests. */
public final class Keys implements KeySink {
    private long[] keys = new long[1024];
    private int size;

    /** An empty list of keys, to decode a trace into. */
    public Keys() {
    }

    @Override
    public void accept(long key) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size++] = key;
    }

    public long[] toArray() {
        return Arrays.copyOf(keys, size);
    }

    public static long[] of(Path file, TraceOptions options) {
        Keys keys = new Keys();
        TraceDecoder.decode(file, options, keys);
        return keys.toArray();
    }

    public static long distinct(long[] keys) {
        return Arrays.stream(keys).distinct().count();
    }
}
