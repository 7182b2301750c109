package org.mmsim.spi;

/**
 * A {@link ReplacementPolicy} that needs to know the future of the request stream, as Belady's OPT does
 * (Belady, "A study of replacement algorithms for a virtual-storage computer", IBM Systems Journal 5(2), 1966).
 *
 * <p>Before {@link ReplacementPolicy#onHit(int)} or {@link ReplacementPolicy#onInsert(long, int)} for a request,
 * the host calls {@link #nextUse(long)} with the position of the next request for the same key. Only a host that has
 * the whole request stream can do that: a trace replay can, the running kernel cannot.
 */
public interface FutureAware {
    /** No later request uses this key. */
    long NEVER = Long.MAX_VALUE;

    /** The position (0-based request index) at which the key of the current request is requested next, or {@link #NEVER}. */
    void nextUse(long position);
}
