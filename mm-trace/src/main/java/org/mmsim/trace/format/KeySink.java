package org.mmsim.trace.format;

/** Where a trace reader puts each request's key, as a primitive: no boxing per record. */
@FunctionalInterface
public interface KeySink {
    /** One request for {@code key}. */
    void accept(long key);
}
