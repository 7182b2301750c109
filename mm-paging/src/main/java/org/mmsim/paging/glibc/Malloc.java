package org.mmsim.paging.glibc;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.mmsim.api.paging.SyscallException;

/**
 * glibc's malloc as a process's memory sees it (malloc/malloc.c): a request is padded to a chunk (8 bytes of
 * header, 16-byte aligned, 32 at least); chunks of at least {@code M_MMAP_THRESHOLD} (128 KiB, raised dynamically up to
 * 32 MiB when such a chunk is freed) get a private anonymous mapping of their own, header included, rounded to pages;
 * smaller ones come from the brk heap, which grows by the request plus {@code M_TOP_PAD} (128 KiB) and is trimmed
 * when more than {@code M_TRIM_THRESHOLD} is free at its top. Memory is not touched: malloc grows VmSize, and only
 * the pages a program writes become resident.
 *
 * <p>Simplified: free heap chunks are kept in one address-ordered list, coalesced with their neighbours, and a request
 * takes the lowest one that fits (glibc's bins and tcache choose differently, but the heap's size is what shows).
 */
public final class Malloc {
    private static final long SIZE_SZ = 8;
    private static final long MIN_CHUNK = 32;
    private static final long DEFAULT_MMAP_THRESHOLD = 128 << 10;
    private static final long MMAP_THRESHOLD_MAX = 32L << 20;
    private static final long TOP_PAD = 128 << 10;
    private static final long PAGE = 4096;

    /** What malloc asks of the kernel. */
    public interface Kernel {
        /** brk(2): sets the break, returns it. */
        long brk(long newBrk);

        /** An anonymous private read-write mapping of {@code length} bytes; returns its address. */
        long mmap(long length);

        /** munmap(2). */
        void munmap(long addr, long length);
    }

    private long mmapThreshold = DEFAULT_MMAP_THRESHOLD;
    private long trimThreshold = DEFAULT_MMAP_THRESHOLD;
    private long heapTop = -1;
    private long heapEnd;
    private final TreeMap<Long, Long> freeChunks = new TreeMap<>();
    private final Map<Long, Long> heapChunks = new HashMap<>();
    private final Map<Long, long[]> mapped = new HashMap<>();

    /**
     * The chunk size for a request ({@code checked_request2size()}): a size_t over PTRDIFF_MAX less a chunk's
     * overhead (a negative long is such a size_t) makes malloc fail with ENOMEM before it asks the kernel for anything.
     */
    static long chunkSize(long request) {
        if (request < 0 || request > Long.MAX_VALUE - 2 * PAGE) {
            throw new SyscallException("ENOMEM", "malloc of " + Long.toUnsignedString(request) + " bytes");
        }
        return Math.max(MIN_CHUNK, (request + SIZE_SZ + 15) & ~15L);
    }

    private static long pageAlign(long bytes) {
        return (bytes + PAGE - 1) & -PAGE;
    }

    /** malloc(3); returns the address of the usable bytes. */
    public long malloc(long size, Kernel kernel) {
        long nb = chunkSize(size);
        if (nb >= mmapThreshold) {
            long length = pageAlign(nb + SIZE_SZ);
            long base = kernel.mmap(length);
            mapped.put(base + 2 * SIZE_SZ, new long[] {base, length});
            return base + 2 * SIZE_SZ;
        }
        for (Map.Entry<Long, Long> free : freeChunks.entrySet()) {
            if (free.getValue() >= nb) {
                long chunk = free.getKey();
                freeChunks.remove(chunk);
                long rest = free.getValue() - nb;
                if (rest >= MIN_CHUNK) {
                    freeChunks.put(chunk + nb, rest);
                } else {
                    nb = free.getValue();
                }
                heapChunks.put(chunk + 2 * SIZE_SZ, nb);
                return chunk + 2 * SIZE_SZ;
            }
        }
        if (heapTop < 0) {
            heapTop = kernel.brk(0);
            heapEnd = heapTop;
        }
        if (heapTop + nb > heapEnd) {
            long grow = pageAlign(heapTop + nb - heapEnd + TOP_PAD);
            heapEnd = kernel.brk(heapEnd + grow);
        }
        long chunk = heapTop;
        heapTop += nb;
        heapChunks.put(chunk + 2 * SIZE_SZ, nb);
        return chunk + 2 * SIZE_SZ;
    }

    /**
     * free(3).
     *
     * @throws IllegalArgumentException for an address malloc did not return (glibc aborts: "free(): invalid pointer")
     */
    public void free(long addr, Kernel kernel) {
        long[] map = mapped.remove(addr);
        if (map != null) {
            kernel.munmap(map[0], map[1]);
            // The dynamic threshold: a freed mmapped chunk moves it up, so such sizes come from the heap next time.
            if (map[1] > mmapThreshold && map[1] <= MMAP_THRESHOLD_MAX) {
                mmapThreshold = map[1];
                trimThreshold = 2 * mmapThreshold;
            }
            return;
        }
        Long size = heapChunks.remove(addr);
        if (size == null) {
            throw new IllegalArgumentException(String.format("free(): invalid pointer %#x", addr));
        }
        long chunk = addr - 2 * SIZE_SZ;
        long length = size;
        Map.Entry<Long, Long> before = freeChunks.lowerEntry(chunk);
        if (before != null && before.getKey() + before.getValue() == chunk) {
            freeChunks.remove(before.getKey());
            chunk = before.getKey();
            length += before.getValue();
        }
        Long after = freeChunks.get(chunk + length);
        if (after != null) {
            freeChunks.remove(chunk + length);
            length += after;
        }
        if (chunk + length == heapTop) {
            heapTop = chunk;
            if (heapEnd - heapTop >= trimThreshold) {
                heapEnd = kernel.brk(pageAlign(heapTop + TOP_PAD));
            }
        } else {
            freeChunks.put(chunk, length);
        }
    }

    /** A copy for a forked child, whose heap starts as the parent's. */
    public Malloc copy() {
        Malloc copy = new Malloc();
        copy.mmapThreshold = mmapThreshold;
        copy.trimThreshold = trimThreshold;
        copy.heapTop = heapTop;
        copy.heapEnd = heapEnd;
        copy.freeChunks.putAll(freeChunks);
        copy.heapChunks.putAll(heapChunks);
        mapped.forEach((addr, range) -> copy.mapped.put(addr, range.clone()));
        return copy;
    }

    /** The current M_MMAP_THRESHOLD. */
    public long mmapThreshold() {
        return mmapThreshold;
    }
}
