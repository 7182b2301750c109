package org.mmsim.trace;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.mmsim.trace.format.KeySink;
import org.mmsim.trace.format.TraceDecoder;
import org.mmsim.trace.format.TraceException;
import org.mmsim.trace.format.TraceFormat;
import org.mmsim.trace.format.TraceOptions;
import org.mmsim.trace.format.TraceReader;
import org.mmsim.trace.format.TraceSource;

/**
 * A key trace, the input of a replay or a miss-ratio curve: a file in one of the formats mmsim reads (gzip, xz and
 * zstd recognised by their magic bytes), a stream, or a file in a format of your own read by a {@link TraceReader}.
 * Opening checks nothing and reads nothing: the trace is decoded, streaming, each time a replay or curve needs it,
 * so a trace larger than memory works (a stream can be decoded only once).
 *
 * <pre>{@code
 * Trace trace = Trace.open(Path.of("w106.trace.xz"), TraceOptions.of(TraceFormat.U32BE));
 * }</pre>
 */
public final class Trace implements TraceSource {
    /** Decodes one trace's keys. */
    @FunctionalInterface
    private interface Decoder {
        Optional<TraceFormat> decode(KeySink sink);
    }

    private final String name;
    private final Decoder decoder;

    private Trace(String name, Decoder decoder) {
        this.name = name;
        this.decoder = decoder;
    }

    /** A trace file whose format is detected from its content (text formats only; binary ones must be named). */
    public static Trace open(Path file) {
        return open(file, TraceOptions.detect());
    }

    /** A trace file in {@code format}, with that format's default options. */
    public static Trace open(Path file, TraceFormat format) {
        return open(file, TraceOptions.of(format));
    }

    /** A trace file read with {@code options} (format, page size, csv column, delimiter, header). */
    public static Trace open(Path file, TraceOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        return new Trace(file.toString(), sink -> Optional.of(TraceDecoder.decode(file, options, sink)));
    }

    /**
     * A trace in a stream, read once to its end when first decoded (the caller closes it).
     *
     * @param name what errors and reports call it
     */
    public static Trace open(String name, InputStream in, TraceOptions options) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        boolean[] used = new boolean[1];
        return new Trace(name, sink -> {
            if (used[0]) {
                throw new IllegalStateException(name + ": a stream trace decodes once; open a file to replay it again");
            }
            used[0] = true;
            return Optional.of(TraceDecoder.decode(name, in, options, sink));
        });
    }

    /** A trace file in a format of your own, decompressed first if it is gzip, xz or zstd. */
    public static Trace open(Path file, TraceReader reader) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reader, "reader");
        return new Trace(file.toString(), sink -> {
            TraceDecoder.decode(file, reader, sink);
            return Optional.empty();
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<TraceFormat> decode(KeySink sink) {
        return decoder.decode(sink);
    }

    /**
     * Every key of the trace in order, for traces that fit in memory (8 bytes a request).
     *
     * @throws TraceException for an unreadable trace
     */
    public long[] keys() {
        long[][] keys = {new long[1024]};
        int[] size = new int[1];
        decode(key -> {
            if (size[0] == keys[0].length) {
                keys[0] = Arrays.copyOf(keys[0], size[0] * 2);
            }
            keys[0][size[0]++] = key;
        });
        return Arrays.copyOf(keys[0], size[0]);
    }

    @Override
    public String toString() {
        return name;
    }
}
