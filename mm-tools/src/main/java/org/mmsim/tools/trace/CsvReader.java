package org.mmsim.tools.trace;

/**
 * {@code csv}: delimited lines, the key a decimal number in a given column (1-based), as libCacheSim's csv reader
 * takes {@code obj-id-col} and {@code delimiter}. A header line may be skipped; empty lines are nothing.
 */
final class CsvReader extends LineReader {
    private final int column;
    private final byte delimiter;
    private boolean skipNext;

    CsvReader(int column, char delimiter, boolean header) {
        this.column = column;
        this.delimiter = (byte) delimiter;
        this.skipNext = header;
    }

    @Override
    void line(String file, int length, KeySink sink) {
        if (skipNext) {
            skipNext = false;
            return;
        }
        if (length == 0) {
            return;
        }
        byte[] b = bytes();
        int field = 1;
        int from = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || b[i] == delimiter) {
                if (field == column) {
                    int start = from;
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
                        throw error(file, length, "a decimal key in column " + column);
                    }
                }
                field++;
                from = i + 1;
            }
        }
        throw error(file, length, column + " columns separated by '" + (char) delimiter + "'");
    }
}
