package org.mmsim.tools.trace;

/**
 * {@code address}: the UCSD program address traces, one access a line, {@code l 0x1fffff58 1}: load or store, the
 * byte address in hex, then the instructions since the previous access. The key is the address divided by the page
 * size (1 by default: the address itself, as Caffeine's simulator keys it).
 */
final class AddressReader extends LineReader {
    private final long pageSize;

    AddressReader(long pageSize) {
        this.pageSize = pageSize;
    }

    @Override
    void line(String file, int length, KeySink sink) {
        if (length == 0) {
            return;
        }
        byte[] b = bytes();
        if ((b[0] != 'l' && b[0] != 's') || length < 5 || b[1] != ' ' || b[2] != '0' || (b[3] != 'x' && b[3] != 'X')) {
            throw error(file, length, "l|s 0xADDRESS N");
        }
        int end = 4;
        while (end < length && b[end] != ' ') {
            end++;
        }
        try {
            long address = hex(b, 4, end);
            if (end < length) {
                decimal(b, end + 1, length);
            }
            sink.accept(Long.divideUnsigned(address, pageSize));
        } catch (NumberFormatException e) {
            throw error(file, length, "l|s 0xADDRESS N");
        }
    }
}
