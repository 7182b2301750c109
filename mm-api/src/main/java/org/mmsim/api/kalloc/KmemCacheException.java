package org.mmsim.api.kalloc;

/**
 * A slab-cache call the kernel would refuse or warn about: an unknown handle, a bad size, alignment or name, the
 * destruction of a cache that still has objects or that the kernel made at boot. The message names the cache;
 * nothing has changed.
 */
public final class KmemCacheException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public KmemCacheException(String message) {
        super(message);
    }
}
