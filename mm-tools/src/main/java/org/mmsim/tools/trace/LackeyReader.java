package org.mmsim.tools.trace;

/**
 * {@code lackey}: valgrind's lackey tool with {@code --trace-mem=yes}: {@code I  ADDR,SIZE} (instruction fetch),
 * {@code " L ADDR,SIZE"} (load), {@code " S "} (store) and {@code " M "} (modify: a load and a store of the same
 * bytes, one access). Every other line ({@code ==PID==} banners) is not an access. An access is a request for each
 * page it touches: one that straddles a page boundary requests both pages, in address order. With page size 1 the
 * key is the byte address.
 */
final class LackeyReader extends LineReader {
    private final long pageSize;

    LackeyReader(long pageSize) {
        this.pageSize = pageSize;
    }

    @Override
    void line(String file, int length, KeySink sink) {
        byte[] b = bytes();
        if (length < 4 || !isAccess(b)) {
            return;
        }
        int comma = 3;
        while (comma < length && b[comma] != ',') {
            comma++;
        }
        try {
            long address = hex(b, 3, comma);
            long size = decimal(b, comma + 1, length);
            long first = Long.divideUnsigned(address, pageSize);
            sink.accept(first);
            if (pageSize > 1 && size > 1) {
                long last = Long.divideUnsigned(address + size - 1, pageSize);
                for (long page = first + 1; page <= last; page++) {
                    sink.accept(page);
                }
            }
        } catch (NumberFormatException e) {
            throw error(file, length, "I|L|S|M ADDRESS,SIZE as lackey prints it");
        }
    }

    private static boolean isAccess(byte[] b) {
        if (b[0] == 'I') {
            return b[1] == ' ' && b[2] == ' ';
        }
        return b[0] == ' ' && (b[1] == 'L' || b[1] == 'S' || b[1] == 'M') && b[2] == ' ';
    }
}
