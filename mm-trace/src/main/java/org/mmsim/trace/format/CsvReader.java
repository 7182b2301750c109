package org.mmsim.trace.format;

/**
 * {@code csv}: delimited lines, the key a decimal number in a given column (1-based), as libCacheSim's csv reader
 * takes {@code obj-id-col} and {@code delimiter}. A header line may be skipped; empty lines are nothing.
 */
final class CsvReader extends LineReader {
    private final int column;
    private final byte delimiter;
    private final KeySink sink;
    private boolean skipNext;

    CsvReader(int column, char delimiter, boolean header, KeySink sink) {
        this.sink = sink;
        this.column = column;
        this.delimiter = (byte) delimiter;
        this.skipNext = header;
    }

    @Override
    void line(String file, byte[] b, int from, int to) {
        if (skipNext) {
            skipNext = false;
            return;
        }
        if (from == to) {
            return;
        }
        int field = 1;
        int fieldStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == delimiter) {
                if (field == column) {
                    int start = fieldStart;
                    int end = i;
                    while (start < end && (b[start] == ' ' || b[start] == '"')) {
                        start++;
                    }
                    while (end > start && (b[end - 1] == ' ' || b[end - 1] == '"')) {
                        end--;
                    }
                    try {
                        sink.accept(decimal(b, start, end));
                        return;
                    } catch (NumberFormatException e) {
                        throw error(file, b, from, to, "a decimal key in column " + column);
                    }
                }
                field++;
                fieldStart = i + 1;
            }
        }
        throw error(file, b, from, to, column + " columns separated by '" + (char) delimiter + "'");
    }
}
