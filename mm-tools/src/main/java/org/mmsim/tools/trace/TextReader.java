package org.mmsim.tools.trace;

/**
 * {@code text}: one decimal key per line, as the LIRS and CLOCK-Pro authors' block traces have it. A line holding
 * only {@code *} is their simulator's checkpoint marker, and an empty line is nothing: neither is a request.
 * Blanks around the key are allowed.
 */
final class TextReader extends LineReader {
    @Override
    void line(String file, int length, KeySink sink) {
        byte[] b = bytes();
        int from = 0;
        int to = length;
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        if (from == to || (to - from == 1 && b[from] == '*')) {
            return;
        }
        try {
            sink.accept(decimal(b, from, to));
        } catch (NumberFormatException e) {
            throw error(file, length, "one decimal key per line");
        }
    }
}
