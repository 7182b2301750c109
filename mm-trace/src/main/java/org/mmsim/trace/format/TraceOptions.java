package org.mmsim.trace.format;

import java.util.Optional;

/**
 * How to read a trace: the format (detected when absent), and the options some formats take.
 *
 * @param format the format, or empty to detect it from the content
 * @param pageSize bytes per page for address formats (keys become page numbers); empty for the format's default
 * @param keyColumn for csv: the 1-based column of the key
 * @param delimiter for csv: the field separator
 * @param header for csv: whether the first line is a header to skip
 */
public record TraceOptions(Optional<TraceFormat> format, Optional<Long> pageSize, int keyColumn, char delimiter,
                           boolean header) {
    public TraceOptions {
        if (keyColumn < 1) {
            throw new IllegalArgumentException("--key-column " + keyColumn + "; expected 1 or more");
        }
        if (pageSize.isPresent() && pageSize.get() < 1) {
            throw new IllegalArgumentException("--page-size " + pageSize.get() + "; expected 1 or more bytes");
        }
    }

    /** Detect the format; default options. */
    public static TraceOptions detect() {
        return new TraceOptions(Optional.empty(), Optional.empty(), 1, ',', false);
    }

    /** The given format with default options. */
    public static TraceOptions of(TraceFormat format) {
        return new TraceOptions(Optional.of(format), Optional.empty(), 1, ',', false);
    }
}
