package org.mmsim.tools.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.mmsim.spi.BadInputException;
import org.mmsim.trace.Trace;
import org.mmsim.trace.format.TraceFormat;
import org.mmsim.trace.format.TraceOptions;
import picocli.CommandLine.Option;

/** The options every command that reads a trace shares: the file and how to read it. */
final class TraceArguments {
    @Option(names = "--trace", required = true, paramLabel = "FILE",
            description = "The trace; gzip, xz and zstd are recognised by their magic bytes.")
    Path trace;

    @Option(names = "--format", paramLabel = "F",
            description = "text, csv, address, lackey, oracle-general, u32be, i32be or i64be (text formats are detected).")
    String format;

    @Option(names = "--page-size", paramLabel = "B",
            description = "For address formats: bytes per page, keys become page numbers (default 4096 for lackey, 1 for address).")
    Long pageSize;

    @Option(names = "--key-column", paramLabel = "N", defaultValue = "1", description = "For csv: the column of the key, from 1.")
    int keyColumn;

    @Option(names = "--delimiter", paramLabel = "C", defaultValue = ",", description = "For csv: the field separator.")
    char delimiter;

    @Option(names = "--header", description = "For csv: skip the first line.")
    boolean header;

    /** The trace to decode, with its options. */
    Trace source() {
        return Trace.open(trace, options());
    }

    /** The options, checked. */
    TraceOptions options() {
        Optional<TraceFormat> chosen = Optional.ofNullable(format).map(TraceArguments::format);
        try {
            return new TraceOptions(chosen, Optional.ofNullable(pageSize),
                    keyColumn, delimiter, header);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /**
     * The format {@code --format NAME} names.
     *
     * @throws BadInputException {@code --format NAME: unknown trace format ...}, with the nearest name
     */
    static TraceFormat format(String name) {
        try {
            return TraceFormat.byName(name);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--format " + name + ": " + e.getMessage(), e);
        }
    }
}
