package org.mmsim.trace.format;

/**
 * {@code address}: the UCSD program address traces, one access a line, {@code l 0x1fffff58 1}: load or store, the
 * byte address in hex, then the instructions since the previous access. The trace gives no access size: one byte.
 */
final class AddressReader extends LineReader {
    private final AccessSink sink;

    AddressReader(AccessSink sink) {
        this.sink = sink;
    }

    @Override
    void line(String file, byte[] b, int from, int to) {
        if (from == to) {
            return;
        }
        if ((b[from] != 'l' && b[from] != 's') || to - from < 5 || b[from + 1] != ' ' || b[from + 2] != '0'
                || (b[from + 3] != 'x' && b[from + 3] != 'X')) {
            throw error(file, b, from, to, "l|s 0xADDRESS N");
        }
        int end = from + 4;
        while (end < to && b[end] != ' ') {
            end++;
        }
        try {
            long address = hex(b, from + 4, end);
            // N, the instructions since the access before, is a count: a line without one, or with a negative one,
            // is not a record of this format.
            if (end == to || decimal(b, end + 1, to) < 0) {
                throw error(file, b, from, to, "l|s 0xADDRESS N, N a count of instructions, 0 or more");
            }
            sink.access(b[from] == 'l' ? AccessSink.LOAD : AccessSink.STORE, address, 1);
        } catch (NumberFormatException e) {
            throw error(file, b, from, to, "l|s 0xADDRESS N");
        }
    }
}
