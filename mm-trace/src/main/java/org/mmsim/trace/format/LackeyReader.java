package org.mmsim.trace.format;

/**
 * {@code lackey}: valgrind's lackey tool with {@code --trace-mem=yes}: {@code I  ADDR,SIZE} (instruction fetch),
 * {@code " L ADDR,SIZE"} (load), {@code " S "} (store) and {@code " M "} (modify: a load and a store of the same
 * bytes, one access). Every other line ({@code ==PID==} banners) is not an access.
 */
final class LackeyReader extends LineReader {
    private final AccessSink sink;

    LackeyReader(AccessSink sink) {
        this.sink = sink;
    }

    @Override
    void line(String file, byte[] b, int from, int to) {
        if (to - from < 4 || !isAccess(b, from)) {
            return;
        }
        int comma = from + 3;
        while (comma < to && b[comma] != ',') {
            comma++;
        }
        try {
            long address = hex(b, from + 3, comma);
            long size = decimal(b, comma + 1, to);
            if (size < 1 || size > 4096) {
                throw new NumberFormatException();
            }
            sink.access(kind(b[from] == 'I' ? 'I' : b[from + 1]), address, (int) size);
        } catch (NumberFormatException e) {
            throw error(file, b, from, to, "I|L|S|M ADDRESS,SIZE as lackey prints it, SIZE from 1 to 4096");
        }
    }

    private static int kind(int letter) {
        switch (letter) {
            case 'I':
                return AccessSink.FETCH;
            case 'L':
                return AccessSink.LOAD;
            case 'S':
                return AccessSink.STORE;
            default:
                return AccessSink.MODIFY;
        }
    }

    private static boolean isAccess(byte[] b, int at) {
        if (b[at] == 'I') {
            return b[at + 1] == ' ' && b[at + 2] == ' ';
        }
        return b[at] == ' ' && (b[at + 1] == 'L' || b[at + 1] == 'S' || b[at + 1] == 'M') && b[at + 2] == ' ';
    }
}
