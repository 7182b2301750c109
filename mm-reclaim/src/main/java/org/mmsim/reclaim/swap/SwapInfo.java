package org.mmsim.reclaim.swap;

import java.util.Arrays;
import org.mmsim.api.kernel.BlockQueue;
import org.mmsim.api.reclaim.SwapDevice;
import org.mmsim.spi.util.LongIntHashMap;
import org.mmsim.spi.util.LongPagedArray;

/**
 * One swap area ({@code struct swap_info_struct}, mm/swapfile.c): its slots, their {@code swap_map} bytes, the
 * zeromap, the swap-cache page of each slot, and its clusters; the pages written to it are on its {@link SwapDevice}.
 *
 * <p>A {@code swap_map} byte is Linux's: the count of page-table entries holding the slot in its low six bits (up to
 * {@code SWAP_MAP_MAX}), {@code SWAP_HAS_CACHE} while a page of the swap cache holds it, {@code COUNT_CONTINUED} when
 * the count goes on beyond (Linux chains continuation pages; here the excess sits in a map), and
 * {@code SWAP_MAP_BAD} for the header in slot 0. A slot whose byte is 0 is free. The bytes are kept per cluster,
 * allocated when the cluster is first used, so a large area costs memory only where it holds pages.
 */
final class SwapInfo {
    /** {@code SWAP_HAS_CACHE} (include/linux/swap.h). */
    static final int HAS_CACHE = 0x40;
    /** {@code SWAP_MAP_MAX}: the largest count kept in the byte itself. */
    static final int MAP_MAX = 0x3e;
    /** {@code SWAP_MAP_BAD}: the header slot. */
    static final int MAP_BAD = 0x3f;
    /** {@code COUNT_CONTINUED}. */
    static final int CONTINUED = 0x80;
    private static final int COUNT_MASK = 0x3f;

    final int type;
    final String path;
    /** Whether it is a block device ({@code S_ISBLK}): {@code partition} in /proc/swaps, else {@code file}. */
    final boolean partition;
    /** {@code si->max}: slots, header included. */
    final long max;
    int prio;
    /** {@code SWP_WRITEOK}: slots may be allocated (cleared while swapoff runs). */
    boolean writeOk = true;
    /** {@code si->inuse_pages}: slots in use, the header not counted. */
    long inuse;
    final Clusters clusters;
    private final byte[][] map;
    private final LongIntHashMap continued = new LongIntHashMap(0, 0);
    /**
     * {@code si->zeromap}: a bit per slot that reads as a page of zeroes without the device (a zero page was written,
     * or nothing was yet), kept per cluster as the map is.
     */
    private final long[][] zeromap;
    private final SwapDevice device;
    private final BlockQueue queue;
    /** The swap-cache page of each slot, as pfn + 1; or minus the shadow reclaim left there; 0: neither. */
    private final LongPagedArray cache;

    SwapInfo(int type, String path, long max, int prio, SwapDevice device, BlockQueue queue) {
        this.queue = queue;
        this.type = type;
        this.path = path;
        this.partition = path.startsWith("/dev/");
        this.max = max;
        this.prio = prio;
        this.clusters = new Clusters(max);
        this.map = new byte[clusters.clusters()][];
        this.zeromap = new long[clusters.clusters()][];
        this.device = device;
        this.cache = new LongPagedArray(max);
        setMap(0, MAP_BAD);
    }

    /** {@code si->pages}: the usable slots, SwapTotal's share and /proc/swaps' Size. */
    long pages() {
        return max - 1;
    }

    /** Whether every usable slot is in use. */
    boolean full() {
        return inuse == pages();
    }

    /** The {@code swap_map} byte of {@code offset}. */
    int map(long offset) {
        byte[] chunk = map[(int) (offset >>> Clusters.SHIFT)];
        return chunk == null ? 0 : chunk[(int) (offset & (Clusters.SIZE - 1))] & 0xff;
    }

    private void setMap(long offset, int value) {
        int c = (int) (offset >>> Clusters.SHIFT);
        if (map[c] == null) {
            map[c] = new byte[Clusters.SIZE];
        }
        map[c][(int) (offset & (Clusters.SIZE - 1))] = (byte) value;
    }

    /** {@code swap_count()} with its continuation: the page-table entries holding {@code offset}. */
    int count(long offset) {
        int v = map(offset);
        if (v == MAP_BAD) {
            return 0;
        }
        return (v & CONTINUED) != 0 ? (v & COUNT_MASK) + continued.get(offset) : v & COUNT_MASK;
    }

    /** Whether a swap-cache page holds {@code offset}. */
    boolean hasCache(long offset) {
        int v = map(offset);
        return v != MAP_BAD && (v & HAS_CACHE) != 0;
    }

    /** Whether {@code offset} is a usable slot that something holds. */
    boolean inUse(long offset) {
        int v = map(offset);
        return v != 0 && v != MAP_BAD;
    }

    /** Takes the free slot {@code offset} for the swap cache ({@code swap_range_alloc()}). */
    void take(long offset) {
        setMap(offset, HAS_CACHE);
        setZero(offset, true);
        clusters.taken((int) (offset >>> Clusters.SHIFT));
        inuse++;
    }

    /** One more page-table entry holds {@code offset}. */
    void incCount(long offset) {
        int v = map(offset);
        if ((v & COUNT_MASK) < MAP_MAX) {
            setMap(offset, v + 1);
        } else {
            setMap(offset, v | CONTINUED);
            continued.put(offset, continued.get(offset) + 1);
        }
    }

    /**
     * One page-table entry less holds {@code offset}; the slot is freed if nothing holds it any more.
     *
     * @return whether the slot was freed
     */
    boolean decCount(long offset) {
        int v = map(offset);
        if ((v & CONTINUED) != 0) {
            int extra = continued.get(offset) - 1;
            if (extra == 0) {
                continued.remove(offset);
                setMap(offset, v & ~CONTINUED);
            } else {
                continued.put(offset, extra);
            }
            return false;
        }
        return release(offset, v - 1);
    }

    /**
     * The swap cache lets go of {@code offset}; the slot is freed if no page-table entry holds it.
     *
     * @return whether the slot was freed
     */
    boolean clearCache(long offset) {
        cache.set(offset, 0);
        return release(offset, map(offset) & ~HAS_CACHE);
    }

    private boolean release(long offset, int value) {
        setMap(offset, value);
        if (value != 0) {
            return false;
        }
        // swap_entries_free(): the slot, and its cluster's share, are free again; its shadow goes too
        // (clear_shadow_from_swap_cache()).
        setZero(offset, true);
        device.discard(type, offset);
        cache.set(offset, 0);
        clusters.freed((int) (offset >>> Clusters.SHIFT));
        inuse--;
        return true;
    }

    /** {@code swapcache_prepare()}: a page read from {@code offset}, which entries hold, is joining the swap cache. */
    void setCacheBit(long offset) {
        setMap(offset, map(offset) | HAS_CACHE);
    }

    /** Sets the swap-cache page of {@code offset}, whose slot has {@link #HAS_CACHE}. */
    void setCache(long offset, long pfn) {
        cache.set(offset, pfn + 1);
    }

    /** The swap-cache page of {@code offset}, or -1. */
    long cachePage(long offset) {
        long value = cache.get(offset);
        return value > 0 ? value - 1 : -1;
    }

    /** Leaves reclaim's workingset shadow in {@code offset}, which no swap-cache page holds now. */
    void setShadow(long offset, long shadow) {
        cache.set(offset, -shadow);
    }

    /** The shadow reclaim left in {@code offset}, or 0. */
    long shadow(long offset) {
        long value = cache.get(offset);
        return value < 0 ? -value : 0;
    }

    /** Whether {@code offset} reads as a page of zeroes, without the device. */
    boolean zero(long offset) {
        long[] bits = zeromap[(int) (offset >>> Clusters.SHIFT)];
        int bit = (int) (offset & (Clusters.SIZE - 1));
        return bits == null || (bits[bit >>> 6] & 1L << bit) != 0;
    }

    /** Marks {@code offset} as holding a page of zeroes, or a page the device has. */
    void setZero(long offset, boolean zero) {
        int c = (int) (offset >>> Clusters.SHIFT);
        if (zeromap[c] == null) {
            zeromap[c] = new long[Clusters.SIZE / Long.SIZE];
            Arrays.fill(zeromap[c], -1L);
        }
        int bit = (int) (offset & (Clusters.SIZE - 1));
        if (zero) {
            zeromap[c][bit >>> 6] |= 1L << bit;
        } else {
            zeromap[c][bit >>> 6] &= ~(1L << bit);
        }
    }

    /** The device the area's pages are written to. */
    SwapDevice device() {
        return device;
    }

    /** The request queue of the disk the area is on, which its reads and writes wait in. */
    BlockQueue queue() {
        return queue;
    }

    /** Whether cluster {@code c} has never held a slot besides the header (its bytes are not even allocated). */
    boolean untouched(int c) {
        return map[c] == null;
    }
}
