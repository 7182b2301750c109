package org.mmsim.spi.util;

import java.util.function.Supplier;

/**
 * A value looked up on first use and kept: how a layer holds another layer that needs it in turn (reclaim and the
 * page allocator, the page cache and the LRU lists), without paying the lookup on every call of a hot path.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> lookup;
    private T value;

    private Lazy(Supplier<T> lookup) {
        this.lookup = lookup;
    }

    /** A supplier that calls {@code lookup} once, on its first {@code get()}. */
    public static <T> Lazy<T> of(Supplier<T> lookup) {
        return new Lazy<>(lookup);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            v = lookup.get();
            value = v;
        }
        return v;
    }
}
