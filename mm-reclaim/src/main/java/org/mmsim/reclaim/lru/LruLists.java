package org.mmsim.reclaim.lru;

import java.util.List;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.kernel.Lru;
import org.mmsim.api.reclaim.LruList;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.spi.util.LongPagedArray;

/**
 * The LRU lists of every node ({@code struct lruvec}): five doubly linked lists per node threaded through the frames
 * (one packed {@code long} of links per frame, in chunks allocated where frames are used), with PG_lru, PG_active and
 * PG_unevictable telling which list a page is on, and the counters /proc/vmstat and /proc/meminfo show
 * (nr_inactive_anon ... and nr_zone_inactive_anon ...), with each zone's share of each list ({@link LruZones}) for
 * reclaim bounded by a zone. Heads are the most recently added ends; reclaim takes from tails.
 */
public final class LruLists implements Lru {
    private static final int LISTS = LruList.values().length;
    private static final int NONE = -1;
    /** {@code SWAP_CLUSTER_MAX_SKIPPED}: pages of higher zones one isolation may skip (SWAP_CLUSTER_MAX << 10). */
    public static final int MAX_SKIPPED = 32 << 10;
    private final PageFrames frames;
    private final VmStat vmstat;
    private final Workingset workingset;
    private final LruZones zones;
    private final int[] head;
    private final int[] tail;
    private final long[] count;
    /** Pages on each list of each zone ({@code NR_ZONE_LRU_BASE} + list: the zone's share of its node's lists). */
    private final long[] zoneCount;
    // (next + 1) << 32 | (prev + 1): 0 is a frame on no list.
    private final LongPagedArray links;
    private PolicyPools pools;

    public LruLists(List<ZoneInfo> zones, int nodes, PageFrames frames, VmStat vmstat, Workingset workingset) {
        this.frames = frames;
        this.vmstat = vmstat;
        this.workingset = workingset;
        this.zones = new LruZones(zones);
        head = new int[nodes * LISTS];
        tail = new int[nodes * LISTS];
        count = new long[nodes * LISTS];
        zoneCount = new long[zones.size() * LISTS];
        java.util.Arrays.fill(head, NONE);
        java.util.Arrays.fill(tail, NONE);
        links = new LongPagedArray(this.zones.endPfn());
    }

    /** The nodes whose lists these are. */
    public int nodes() {
        return count.length / LISTS;
    }

    /** The zones the lists span. */
    public LruZones zones() {
        return zones;
    }

    /**
     * Lets a replacement-policy plugin order the pages (reclaim then asks it for victims): it is told of every page
     * added, referenced and freed from now on.
     */
    public void drivenBy(PolicyPools policies) {
        this.pools = policies;
    }

    /** The plugin that orders the pages, or null when Linux's own lists do. */
    public PolicyPools pools() {
        return pools;
    }

    /** The node of a frame ({@code folio_nid()}). */
    public int nodeOf(long pfn) {
        return zones.node(zones.zoneOf(pfn));
    }

    /** The list a page on the LRU is on ({@code folio_lru_list()}). */
    public LruList listOf(long pfn) {
        int flags = frames.flags(pfn);
        if ((flags & PageFlags.UNEVICTABLE) != 0) {
            return LruList.UNEVICTABLE;
        }
        boolean file = (flags & PageFlags.SWAPBACKED) == 0;
        boolean active = (flags & PageFlags.ACTIVE) != 0;
        return file ? (active ? LruList.ACTIVE_FILE : LruList.INACTIVE_FILE)
                : (active ? LruList.ACTIVE_ANON : LruList.INACTIVE_ANON);
    }

    @Override
    public void addAnon(long pfn, boolean locked) {
        add(pfn, 0);
        if (locked) {
            mlock(pfn);
        }
    }

    @Override
    public void addFile(long pfn, long shadow) {
        // workingset_refault(): a page that comes back within the workingset's reach goes straight to active.
        add(pfn, shadow != 0 ? workingset.refault(shadow, nodeOf(pfn), true) : 0);
    }

    @Override
    public void addSwapIn(long pfn, long shadow) {
        add(pfn, shadow != 0 ? workingset.refault(shadow, nodeOf(pfn), false) : 0);
    }

    private void add(long pfn, int flags) {
        if ((frames.flags(pfn) & PageFlags.LRU) != 0) {
            throw new IllegalStateException("pfn " + pfn + " is on an LRU list already");
        }
        frames.clearFlags(pfn, PageFlags.ACTIVE | PageFlags.UNEVICTABLE | PageFlags.REFERENCED);
        frames.setFlags(pfn, flags | PageFlags.LRU);
        LruList list = listOf(pfn);
        link(pfn, list);
        if (pools != null) {
            pools.insert(pfn, nodeOf(pfn), list.isFile());
        }
    }

    @Override
    public void markAccessed(long pfn) {
        int flags = frames.flags(pfn);
        if ((flags & PageFlags.LRU) == 0 || (flags & PageFlags.UNEVICTABLE) != 0) {
            return;
        }
        if (pools != null) {
            pools.hit(pfn, nodeOf(pfn), (flags & PageFlags.SWAPBACKED) == 0);
        }
        if ((flags & PageFlags.ACTIVE) == 0 && (flags & PageFlags.REFERENCED) != 0) {
            // folio_activate(): referenced twice while inactive.
            frames.clearFlags(pfn, PageFlags.REFERENCED);
            activate(pfn);
        } else if ((flags & PageFlags.REFERENCED) == 0) {
            frames.setFlags(pfn, PageFlags.REFERENCED);
        }
    }

    /** Moves an inactive page to the head of its active list ({@code folio_activate()}), counting pgactivate. */
    public void activate(long pfn) {
        LruList from = listOf(pfn);
        if (from.isActive() || from == LruList.UNEVICTABLE) {
            return;
        }
        unlink(pfn, from);
        frames.setFlags(pfn, PageFlags.ACTIVE);
        link(pfn, listOf(pfn));
        vmstat.inc(VmItem.PGACTIVATE);
        workingset.activation(nodeOf(pfn));
    }

    /**
     * Moves an active page to the head of its inactive list ({@code shrink_active_list()}), counting pgdeactivate. It
     * gets PG_workingset: it was in use, so a refault after its eviction is a restore of the working set.
     */
    public void deactivate(long pfn) {
        LruList from = listOf(pfn);
        unlink(pfn, from);
        frames.clearFlags(pfn, PageFlags.ACTIVE);
        frames.setFlags(pfn, PageFlags.WORKINGSET);
        link(pfn, listOf(pfn));
        vmstat.inc(VmItem.PGDEACTIVATE);
    }

    /** Moves a page to the head of its list: it was looked at and stays ({@code folio_putback_lru()}). */
    public void rotate(long pfn) {
        LruList list = listOf(pfn);
        unlink(pfn, list);
        link(pfn, list);
    }

    @Override
    public void mlock(long pfn) {
        int flags = frames.flags(pfn);
        if ((flags & PageFlags.MLOCKED) != 0) {
            return;
        }
        frames.setFlags(pfn, PageFlags.MLOCKED);
        vmstat.inc(VmItem.NR_MLOCK);
        vmstat.inc(VmItem.UNEVICTABLE_PGS_MLOCKED);
        if ((flags & PageFlags.LRU) != 0 && (flags & PageFlags.UNEVICTABLE) == 0) {
            unlink(pfn, listOf(pfn));
            frames.clearFlags(pfn, PageFlags.ACTIVE);
            frames.setFlags(pfn, PageFlags.UNEVICTABLE);
            link(pfn, LruList.UNEVICTABLE);
        }
    }

    @Override
    public void munlock(long pfn) {
        int flags = frames.flags(pfn);
        if ((flags & PageFlags.MLOCKED) == 0) {
            return;
        }
        frames.clearFlags(pfn, PageFlags.MLOCKED);
        vmstat.add(VmItem.NR_MLOCK, -1);
        vmstat.inc(VmItem.UNEVICTABLE_PGS_MUNLOCKED);
        if ((flags & PageFlags.LRU) != 0 && (flags & PageFlags.UNEVICTABLE) != 0) {
            unlink(pfn, LruList.UNEVICTABLE);
            frames.clearFlags(pfn, PageFlags.UNEVICTABLE);
            link(pfn, listOf(pfn));
            vmstat.inc(VmItem.UNEVICTABLE_PGS_RESCUED);
        }
    }

    /** Moves a page to the unevictable list (an mlocked page that reclaim met: {@code folio_putback_lru()}). */
    public void cull(long pfn) {
        unlink(pfn, listOf(pfn));
        frames.clearFlags(pfn, PageFlags.ACTIVE);
        frames.setFlags(pfn, PageFlags.UNEVICTABLE);
        link(pfn, LruList.UNEVICTABLE);
        vmstat.inc(VmItem.UNEVICTABLE_PGS_CULLED);
    }

    @Override
    public void release(long pfn) {
        int flags = frames.flags(pfn);
        if ((flags & PageFlags.LRU) == 0) {
            return;
        }
        LruList list = listOf(pfn);
        unlink(pfn, list);
        if (pools != null) {
            pools.remove(pfn, nodeOf(pfn), list.isFile());
        }
        if ((flags & PageFlags.MLOCKED) != 0) {
            vmstat.add(VmItem.NR_MLOCK, -1);
        }
        frames.clearFlags(pfn, PageFlags.LRU | PageFlags.ACTIVE | PageFlags.UNEVICTABLE | PageFlags.MLOCKED
                | PageFlags.REFERENCED | PageFlags.WORKINGSET);
    }

    @Override
    public long pages(LruList list) {
        long sum = 0;
        for (int i = list.ordinal(); i < count.length; i += LISTS) {
            sum += count[i];
        }
        return sum;
    }

    /** Pages on {@code list} of {@code node}. */
    public long pages(int node, LruList list) {
        return count[node * LISTS + list.ordinal()];
    }

    /** Pages on {@code list} that are in {@code zone} ({@code zone_page_state(zone, NR_ZONE_LRU_BASE + list)}). */
    public long zonePages(int zone, LruList list) {
        return zoneCount[zone * LISTS + list.ordinal()];
    }

    /**
     * {@code lruvec_lru_size()}: pages on {@code list} of {@code node} in its zones no higher than {@code reclaimIdx},
     * the ones a reclaim bounded by that zone may take.
     */
    public long pages(int node, LruList list, ZoneType reclaimIdx) {
        long sum = 0;
        for (int z = 0; z < zones.count(); z++) {
            if (zones.node(z) == node && zones.type(z).compareTo(reclaimIdx) <= 0) {
                sum += zoneCount[z * LISTS + list.ordinal()];
            }
        }
        return sum;
    }

    /**
     * {@code isolate_lru_folios()} bounded by a zone: up to {@code max} pages of zones no higher than
     * {@code reclaimIdx} from the tail of {@code list} of {@code node}, oldest first, into {@code into}; they stay on the
     * list until the caller moves or frees them. A page of a higher zone met on the way is skipped, at most
     * {@link #MAX_SKIPPED} of them (SWAP_CLUSTER_MAX_SKIPPED), and put at the head of the list so the next batch does
     * not meet it again; {@code skipped} counts them by zone type ordinal (pgskip_*). Each page of the list is looked
     * at once at most: a skipped page at the head is not met again in the same call.
     *
     * @return how many pages went into {@code into}
     */
    public int isolate(int node, LruList list, int max, ZoneType reclaimIdx, long[] into, long[] skipped) {
        int l = node * LISTS + list.ordinal();
        long size = count[l];
        int n = 0;
        int skips = 0;
        int pfn = tail[l];
        for (long seen = 0; pfn != NONE && n < max && seen < size; seen++) {
            int prev = prevOf(pfn);
            ZoneType type = zones.type(zones.zoneOf(pfn));
            if (skips < MAX_SKIPPED && type.compareTo(reclaimIdx) > 0) {
                skipped[type.ordinal()]++;
                skips++;
                rotate(pfn);
            } else {
                into[n++] = pfn;
            }
            pfn = prev;
        }
        return n;
    }

    private int nextOf(long pfn) {
        return (int) (links.get(pfn) >>> 32) - 1;
    }

    private int prevOf(long pfn) {
        return (int) links.get(pfn) - 1;
    }

    private void setLinks(long pfn, int next, int prev) {
        links.set(pfn, ((long) (next + 1) << 32) | ((prev + 1) & 0xffffffffL));
    }

    /** Puts {@code pfn} at the head of {@code list}. */
    private void link(long pfn, LruList list) {
        int zone = zones.zoneOf(pfn);
        int l = zones.node(zone) * LISTS + list.ordinal();
        int first = head[l];
        setLinks(pfn, first, NONE);
        if (first != NONE) {
            setLinks(first, nextOf(first), (int) pfn);
        } else {
            tail[l] = (int) pfn;
        }
        head[l] = (int) pfn;
        count[l]++;
        zoneCount[zone * LISTS + list.ordinal()]++;
        counters(list, 1);
    }

    private void unlink(long pfn, LruList list) {
        int zone = zones.zoneOf(pfn);
        int l = zones.node(zone) * LISTS + list.ordinal();
        int next = nextOf(pfn);
        int prev = prevOf(pfn);
        if (prev != NONE) {
            setLinks(prev, next, prevOf(prev));
        } else {
            head[l] = next;
        }
        if (next != NONE) {
            setLinks(next, nextOf(next), prev);
        } else {
            tail[l] = prev;
        }
        links.set(pfn, 0);
        count[l]--;
        zoneCount[zone * LISTS + list.ordinal()]--;
        counters(list, -1);
    }

    private void counters(LruList list, long delta) {
        switch (list) {
            case INACTIVE_ANON:
                vmstat.add(VmItem.NR_INACTIVE_ANON, delta);
                vmstat.add(VmItem.NR_ZONE_INACTIVE_ANON, delta);
                break;
            case ACTIVE_ANON:
                vmstat.add(VmItem.NR_ACTIVE_ANON, delta);
                vmstat.add(VmItem.NR_ZONE_ACTIVE_ANON, delta);
                break;
            case INACTIVE_FILE:
                vmstat.add(VmItem.NR_INACTIVE_FILE, delta);
                vmstat.add(VmItem.NR_ZONE_INACTIVE_FILE, delta);
                break;
            case ACTIVE_FILE:
                vmstat.add(VmItem.NR_ACTIVE_FILE, delta);
                vmstat.add(VmItem.NR_ZONE_ACTIVE_FILE, delta);
                break;
            default:
                vmstat.add(VmItem.NR_UNEVICTABLE, delta);
                vmstat.add(VmItem.NR_ZONE_UNEVICTABLE, delta);
        }
    }
}
