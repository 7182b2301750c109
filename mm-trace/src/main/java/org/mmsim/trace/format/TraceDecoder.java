package org.mmsim.trace.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mmsim.spi.IoErrors;

/**
 * Decodes a trace file into keys, streaming: opens it (decompressing by magic bytes), tells or takes its format,
 * and hands each request's key to a sink. Every problem is one {@link TraceException} naming the file and the record.
 */
public final class TraceDecoder {
    private TraceDecoder() {
    }

    /**
     * Decodes every request of {@code file} into {@code sink}.
     *
     * @return the format the file was read as
     * @throws TraceException for a bad record, an undetectable format, or a corrupt or truncated compressed file
     */
    public static TraceFormat decode(Path file, TraceOptions options, KeySink sink) {
        if (isStream(file)) {
            return fromStream(file, in -> decode(file.toString(), in, options, sink));
        }
        TraceFormat format = options.format().orElseGet(() -> detect(file));
        BinaryReader.Layout layout = layoutOf(format);
        if (layout != null && sink instanceof BlockSink
                && SplitTraceFile.decode(file, TraceFile.compressionOf(file), layout, (BlockSink) sink)) {
            return format;
        }
        long pageSize = options.pageSize().orElse(format.defaultPageSize());
        read(file, reader(format, pageSize, options, sink));
        return format;
    }

    /**
     * Decodes every access of an address trace ({@code lackey} or {@code address}) into {@code sink}.
     *
     * @param format the format, or empty to detect it
     * @return the format the file was read as
     * @throws TraceException for a bad record, a format that holds no addresses, or a corrupt compressed file
     */
    public static TraceFormat decodeAccesses(Path file, Optional<TraceFormat> format, AccessSink sink) {
        if (isStream(file)) {
            return fromStream(file, in -> {
                InputStream data = buffered(in);
                TraceFormat chosen = addressFormat(file, format.isPresent() ? format.get() : detect(file.toString(), data));
                read(file.toString(), "", accessReader(chosen, sink), () -> data);
                return chosen;
            });
        }
        TraceFormat chosen = addressFormat(file, format.orElseGet(() -> detect(file)));
        read(file, accessReader(chosen, sink));
        return chosen;
    }

    private static TraceFormat addressFormat(Path file, TraceFormat chosen) {
        if (chosen != TraceFormat.LACKEY && chosen != TraceFormat.ADDRESS) {
            throw new TraceException(file + ": a " + chosen.cliName() + " trace holds keys, not addresses; expected "
                    + TraceFormat.LACKEY.cliName() + " or " + TraceFormat.ADDRESS.cliName());
        }
        return chosen;
    }

    private static RecordReader accessReader(TraceFormat format, AccessSink sink) {
        return format == TraceFormat.LACKEY ? new LackeyReader(sink) : new AddressReader(sink);
    }

    /**
     * Whether {@code file} is a pipe, a FIFO or a device rather than a regular file: its bytes can be read only once,
     * so it is opened once and read as a stream, its format told from a buffered prefix, never mapped nor reopened.
     */
    private static boolean isStream(Path file) {
        return Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file);
    }

    /** Reads a stream trace's content. */
    @FunctionalInterface
    private interface StreamRead {
        TraceFormat read(InputStream in) throws IOException;
    }

    private static TraceFormat fromStream(Path file, StreamRead read) {
        try (InputStream in = TraceFile.openRaw(file)) {
            return read.read(in);
        } catch (IOException e) {
            throw new TraceException(file + ": cannot read: " + IoErrors.reason(e), e);
        }
    }

    /** The decompressed bytes of a stream, buffered so that its format can be told from its first bytes. */
    private static InputStream buffered(InputStream in) throws IOException {
        return new java.io.BufferedInputStream(TraceFile.decompress(in), 1 << 16);
    }

    /**
     * Decodes every request of a stream into {@code sink}, decompressing it if its first bytes say gzip, xz or zstd.
     * The stream is read once, to its end; the caller closes it.
     *
     * @param name what errors call the trace
     * @return the format the stream was read as
     * @throws TraceException for a bad record, an undetectable format, or corrupt or truncated data
     */
    public static TraceFormat decode(String name, InputStream in, TraceOptions options, KeySink sink) {
        try {
            InputStream data = buffered(in);
            TraceFormat format = options.format().isPresent() ? options.format().get() : detect(name, data);
            long pageSize = options.pageSize().orElse(format.defaultPageSize());
            RecordReader reader = reader(format, pageSize, options, sink);
            read(name, "", reader, () -> data);
            return format;
        } catch (IOException e) {
            throw new TraceException(name + ": cannot read: " + describe(e), e);
        }
    }

    /**
     * Decodes {@code file} with a reader of a format mmsim does not know (decompressed first if it is gzip, xz or
     * zstd).
     *
     * @throws TraceException for a record the reader refuses, or a corrupt or truncated compressed file
     */
    public static void decode(Path file, TraceReader reader, KeySink sink) {
        long[] records = new long[1];
        KeySink counted = key -> {
            records[0]++;
            sink.accept(key);
        };
        // Named before reading: a pipe cannot be opened again to look.
        String compression = isStream(file) ? "" : TraceFile.compressionOf(file).name().toLowerCase() + " ";
        try (InputStream in = TraceFile.open(file)) {
            reader.read(in, counted);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new TraceException(file + ": corrupt or truncated " + compression
                    + "data after record " + records[0] + ": " + describe(e), e);
        }
    }

    private static void read(Path file, RecordReader reader) {
        read(file.toString(), TraceFile.compressionOf(file).name().toLowerCase() + " ", reader, () -> TraceFile.open(file));
    }

    /** Opens a trace's decompressed bytes. */
    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    private static void read(String name, String compression, RecordReader reader, Opener opener) {
        try (InputStream in = opener.open()) {
            reader.read(name, new ByteSource(in));
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // xz and zstd report corrupt data as IOExceptions, aircompressor also as unchecked ones.
            throw new TraceException(name + ": corrupt or truncated " + compression + "data after record "
                    + reader.records() + ": " + describe(e), e);
        }
    }

    private static TraceFormat detect(String name, InputStream data) throws IOException {
        byte[] head = new byte[4096];
        data.mark(head.length);
        int n = data.readNBytes(head, 0, head.length);
        data.reset();
        try {
            return TraceFormat.detect(head, n);
        } catch (IllegalArgumentException e) {
            throw new TraceException(name + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof IOException) {
            return IoErrors.reason((IOException) e);
        }
        if (e instanceof UncheckedIOException) {
            return IoErrors.reason(((UncheckedIOException) e).getCause());
        }
        return e.getMessage() == null ? "the data cannot be decoded" : e.getMessage();
    }

    private static TraceFormat detect(Path file) {
        byte[] head = new byte[4096];
        int n;
        try (InputStream in = TraceFile.open(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new TraceException(file + ": cannot read: " + IoErrors.reason(e), e);
        }
        try {
            return TraceFormat.detect(head, n);
        } catch (IllegalArgumentException e) {
            throw new TraceException(file + ": " + e.getMessage(), e);
        }
    }

    private static RecordReader reader(TraceFormat format, long pageSize, TraceOptions options, KeySink sink) {
        switch (format) {
            case TEXT:
                return new TextReader(sink);
            case CSV:
                return new CsvReader(options.keyColumn(), options.delimiter(), options.header(), sink);
            case ADDRESS:
                return new AddressReader(new PageKeys(pageSize, sink));
            case LACKEY:
                return new LackeyReader(new PageKeys(pageSize, sink));
            default:
                return new BinaryReader(layoutOf(format), sink);
        }
    }

    /** The record layout of a binary format, or null for a text one. */
    private static BinaryReader.Layout layoutOf(TraceFormat format) {
        switch (format) {
            case ORACLE_GENERAL:
                return BinaryReader.Layout.ORACLE_GENERAL;
            case U32BE:
                return BinaryReader.Layout.U32BE;
            case I32BE:
                return BinaryReader.Layout.I32BE;
            case I64BE:
                return BinaryReader.Layout.I64BE;
            default:
                return null;
        }
    }
}
