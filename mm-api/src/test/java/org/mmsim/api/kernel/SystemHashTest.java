package org.mmsim.api.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The boot's hash tables against a real 6.18 boot log and against alloc_large_system_hash()'s formula by hand. */
class SystemHashTest {
    /**
     * nr_kernel_pages of the build machine (24 GiB, 2 CPUs): its boot log's 25165432 KiB of RAM is 6291358 pages,
     * less the memmap (64 bytes a page: 98303 pages) and the kernel image (18796 + 2537 + 10236 + 3732 + 1224 KiB of
     * code, data, rodata, init and bss: 9131 pages) that memblock holds when the zones are set up.
     */
    private static final long KERNEL_PAGES_24G = 6291358 - 98303 - 9131;

    @Test
    void everyTableOfA24GiBBootIsTheRealLogs() {
        // `dmesg | grep 'hash table entries'` on the build machine: entries, then bytes.
        Map<String, long[]> real = new LinkedHashMap<>();
        real.put("Dentry cache", new long[] {4194304, 33554432});
        real.put("Inode-cache", new long[] {2097152, 16777216});
        real.put("Mount-cache", new long[] {65536, 524288});
        real.put("Mountpoint-cache", new long[] {65536, 524288});
        real.put("posixtimers", new long[] {1024, 16384});
        real.put("futex", new long[] {512, 32768});
        real.put("IP idents", new long[] {262144, 2097152});
        real.put("tcp_listen_portaddr_hash", new long[] {16384, 262144});
        real.put("Table-perturb", new long[] {65536, 262144});
        real.put("TCP established", new long[] {262144, 2097152});
        real.put("TCP bind", new long[] {65536, 2097152});
        real.put("MPTCP token", new long[] {32768, 786432});
        real.put("UDP", new long[] {16384, 1048576});
        real.put("UDP-Lite", new long[] {16384, 1048576});
        assertEquals(real.keySet(), SystemHash.BOOT.stream().map(SystemHash::name)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
        for (SystemHash hash : SystemHash.BOOT) {
            long[] expected = real.get(hash.name());
            assertEquals(expected[0], hash.entries(KERNEL_PAGES_24G, 2), hash.name() + " entries");
            assertEquals(expected[1], hash.bytes(KERNEL_PAGES_24G, 2), hash.name() + " bytes");
        }
    }

    @Test
    void aSmallMachineByHand() {
        long pages = 250_000;
        SystemHash dentry = SystemHash.BOOT.get(0);
        // Rounded up to 250112 (whole MiB), one bucket per 8 KiB: 125056, up to a power of two.
        assertEquals(131072, dentry.entries(pages, 1));
        SystemHash ipIdents = SystemHash.BOOT.get(6);
        // 250112 >> 4 = 15632 -> 16384, inside [2048, 262144].
        assertEquals(16384, ipIdents.entries(pages, 1));
        // 64 MiB: 16384 pages >> 4 = 1024 -> the low limit, 2048.
        assertEquals(2048, ipIdents.entries(16_000, 1));
        SystemHash futex = SystemHash.BOOT.get(5);
        assertEquals(256 * 8, futex.entries(pages, 8));
        assertEquals(256 * 4, futex.entries(pages, 3), "256 a CPU, rounded up to a power of two");
    }

    @Property
    void entriesArePowersOfTwoWithinTheLimits(@ForAll @LongRange(min = 4096, max = 1L << 32) long kernelPages,
                                             @ForAll @IntRange(min = 1, max = 256) int cpus) {
        for (SystemHash hash : SystemHash.BOOT) {
            long n = hash.entries(kernelPages, cpus);
            assertEquals(1, Long.bitCount(n), hash.name() + " " + n);
            assertTrue(hash.high() == 0 || n <= hash.high(), hash.name());
            assertTrue(n >= hash.low(), hash.name());
        }
    }
}
