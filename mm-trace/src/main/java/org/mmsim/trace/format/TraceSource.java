package org.mmsim.trace.format;

/**
 * A trace to decode, wherever its bytes come from: a file, a stream, or a third-party reader. Replay and the
 * miss-ratio curves take one.
 */
public interface TraceSource {
    /** The name errors and reports give the trace (its path, for a file). */
    String name();

    /**
     * Decodes every request into {@code sink}.
     *
     * @return the format the trace was read as, or empty for a third-party reader's
     * @throws TraceException for a bad record, an undetectable format, or a corrupt or truncated compressed trace
     */
    java.util.Optional<TraceFormat> decode(KeySink sink);
}
