package org.mmsim.tools.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.mmsim.spi.BadInputException;
import org.mmsim.trace.Trace;
import org.mmsim.trace.format.TraceFormat;
import org.mmsim.trace.format.TraceOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The options every command that reads a trace shares: the file and how to read it. */
final class TraceArguments {
    @Option(names = "--trace", required = true, paramLabel = "FILE", converter = TracePath.class,
            description = "The trace (- for standard input); gzip, xz and zstd are recognised by their magic bytes.")
    Path trace;

    /**
     * A trace's path, {@code -} standard input: {@code /dev/stdin}, which is the pipe (read once, as a stream) or the
     * file (mapped, when its records allow) that the shell gave.
     */
    static final class TracePath implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return value.equals("-") ? Path.of("/dev/stdin") : Path.of(value);
        }
    }

    @Option(names = "--format", paramLabel = "F",
            description = "text, csv, address, lackey, oracle-general, u32be, i32be or i64be (text formats are detected).")
    String format;

    @Option(names = "--page-size", paramLabel = "B",
            description = "For address formats: bytes per page, keys become page numbers (default 4096 for lackey, 1 for address).")
    Long pageSize;

    @Option(names = "--key-column", paramLabel = "N", defaultValue = "1", description = "For csv: the column of the key, from 1.")
    int keyColumn;

    @Option(names = "--delimiter", paramLabel = "C", defaultValue = ",", description = "For csv: the field separator.")
    String delimiter;

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
                    keyColumn, delimiter(), header);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** The one character {@code --delimiter} gives (csv's fields are split on one, as cut -d splits them). */
    private char delimiter() {
        if (delimiter.length() != 1) {
            throw new BadInputException("--delimiter '" + delimiter + "': " + delimiter.length()
                    + " characters; expected one character, such as , or ';'");
        }
        return delimiter.charAt(0);
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
