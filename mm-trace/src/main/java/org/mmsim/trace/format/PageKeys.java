package org.mmsim.trace.format;

/**
 * Turns accesses into page keys for a key trace: an access is a request for each page it touches, in address order,
 * so one that straddles a page boundary requests both. With page size 1 the key is the byte address.
 */
final class PageKeys implements AccessSink {
    private final long pageSize;
    private final KeySink sink;

    PageKeys(long pageSize, KeySink sink) {
        this.pageSize = pageSize;
        this.sink = sink;
    }

    @Override
    public void access(int kind, long address, int size) {
        long first = Long.divideUnsigned(address, pageSize);
        sink.accept(first);
        if (pageSize > 1 && size > 1) {
            long last = Long.divideUnsigned(address + size - 1, pageSize);
            for (long page = first + 1; page <= last; page++) {
                sink.accept(page);
            }
        }
    }
}
