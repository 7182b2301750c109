package org.mmsim.trace.format;

/**
 * {@code text}: one decimal key per line, as the LIRS and CLOCK-Pro authors' block traces have it. A line holding
 * only {@code *} is their simulator's checkpoint marker, and an empty line is nothing: neither is a request.
 * Blanks around the key are allowed.
 */
final class TextReader extends LineReader {
    private final KeySink sink;

    TextReader(KeySink sink) {
        this.sink = sink;
    }

    @Override
    void line(String file, byte[] b, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && (b[start] == ' ' || b[start] == '\t')) {
            start++;
        }
        while (end > start && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        if (start == end || (end - start == 1 && b[start] == '*')) {
            return;
        }
        try {
            sink.accept(decimal(b, start, end));
        } catch (NumberFormatException e) {
            throw error(file, b, from, to, "one decimal key per line");
        }
    }
}
