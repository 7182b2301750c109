package org.mmsim.api.kernel;

import java.util.List;

/**
 * One of the hash tables the boot sizes from the RAM it finds, with {@code alloc_large_system_hash()}
 * (mm/mm_init.c): the dentry and inode caches' tables, the mount tables, the network stack's. Each logs itself at
 * boot as {@code "Dentry cache hash table entries: 4194304 (order: 13, 33554432 bytes, linear)"}; a 24 GiB, 2-CPU
 * 6.18 machine's log gives the figures {@link #BOOT}'s tables reproduce.
 *
 * @param name the table's name in the boot log
 * @param bucketSize bytes a bucket
 * @param scale one bucket per {@code 2^scale} bytes of low memory, 0 when {@code entries} are given
 * @param given the entries the caller asks for (0: from the memory), {@link #PER_CPU} bit set for so many a CPU
 * @param low the fewest entries, 0 for none
 * @param high the most entries, 0 for no limit
 * @param early whether it comes from memblock before the buddy allocator is up ({@code HASH_EARLY}), which only
 *     a machine of one node does: with several, {@code hashdist} spreads the table over the nodes with vmalloc
 */
public record SystemHash(String name, int bucketSize, int scale, long given, long low, long high, boolean early) {
    /** In {@code given}: the entries are so many a possible CPU, rounded up to a power of two. */
    public static final long PER_CPU = 1L << 40;

    private static final int PAGE_SHIFT = 12;

    /**
     * The tables a 6.18 x86-64 boot sizes, in boot order: fs/dcache.c and fs/inode.c (scales 13 and 14), fs/namespace.c
     * (19), kernel/time/posix-timers.c and kernel/futex/core.c (per CPU), net/ipv4/route.c, net/ipv4/tcp.c (17, and
     * the bind table from the established one's size), net/ipv4/udp.c and udplite.c (21), net/mptcp/token.c (20).
     */
    public static final List<SystemHash> BOOT = List.of(
            new SystemHash("Dentry cache", 8, 13, 0, 0, 0, true),
            new SystemHash("Inode-cache", 8, 14, 0, 0, 0, true),
            new SystemHash("Mount-cache", 8, 19, 0, 0, 0, false),
            new SystemHash("Mountpoint-cache", 8, 19, 0, 0, 0, false),
            new SystemHash("posixtimers", 16, 0, PER_CPU | 512, 0, 0, false),
            new SystemHash("futex", 64, 0, PER_CPU | 256, 0, 0, false),
            new SystemHash("IP idents", 8, 16, 0, 2048, 256 * 1024, false),
            new SystemHash("tcp_listen_portaddr_hash", 16, 21, 0, 0, 64 * 1024, false),
            new SystemHash("Table-perturb", 4, 0, 1 << 16, 1 << 16, 1 << 16, false),
            new SystemHash("TCP established", 8, 17, 0, 0, 512 * 1024, false),
            new SystemHash("TCP bind", 32, 17, 0, 0, 64 * 1024, false),
            new SystemHash("MPTCP token", 24, 20, 0, 0, 64 * 1024, false),
            new SystemHash("UDP", 64, 21, 0, 256, 64 * 1024, false),
            new SystemHash("UDP-Lite", 64, 21, 0, 256, 64 * 1024, false));

    /**
     * The entries {@code alloc_large_system_hash()} gives this table on a machine whose memblock had
     * {@code kernelPages} free pages when the zones were set up ({@code nr_kernel_pages}, calc_nr_kernel_pages())
     * and {@code cpus} possible CPUs.
     */
    public long entries(long kernelPages, int cpus) {
        long n;
        if ((given & PER_CPU) != 0) {
            n = (given & ~PER_CPU) * cpus;
        } else if (given != 0) {
            n = given;
        } else {
            // Rounded up to whole MiB of pages, then one bucket per 2^scale bytes of that memory.
            n = (kernelPages + 255) / 256 * 256;
            n = scale > PAGE_SHIFT ? n >> (scale - PAGE_SHIFT) : n << (PAGE_SHIFT - scale);
            if (n * bucketSize < (1 << PAGE_SHIFT)) {
                n = (1 << PAGE_SHIFT) / bucketSize;
            }
        }
        n = Long.highestOneBit(n - 1) << 1;
        if (n < 1) {
            n = 1;
        }
        if (given != 0) {
            return n;
        }
        // The default high limit is 1/16 of memory; the low limit is applied first. The table holds a power of two
        // of buckets (log2qty = ilog2(numentries)), so a limit that is not one rounds down.
        long max = high != 0 ? high : (kernelPages << PAGE_SHIFT) / 16 / bucketSize;
        return Long.highestOneBit(Math.min(Math.max(n, low), max));
    }

    /** The bytes of the table: its entries' buckets. */
    public long bytes(long kernelPages, int cpus) {
        return entries(kernelPages, cpus) * bucketSize;
    }
}
