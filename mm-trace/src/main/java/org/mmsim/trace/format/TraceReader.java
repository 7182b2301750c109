package org.mmsim.trace.format;

import java.io.IOException;
import java.io.InputStream;

/**
 * A reader of a trace format mmsim does not know: it turns the (already decompressed) bytes of a trace into keys,
 * one {@link KeySink#accept(long)} per request, in order. Throw {@link TraceException} for a record that breaks the
 * format, naming the record; an {@link IOException} of the stream is reported as a corrupt or truncated file.
 */
@FunctionalInterface
public interface TraceReader {
    /** Reads every request of {@code in} into {@code sink}. */
    void read(InputStream in, KeySink sink) throws IOException;
}
