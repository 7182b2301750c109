package org.mmsim.reclaim;

import com.google.inject.Provider;
import org.mmsim.api.Arch;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.ReclaimHook;
import org.mmsim.api.reclaim.OomKiller;

/**
 * The reclaim layer's answer to the page allocator, in place of the physical layer's {@link ReclaimHook} that
 * reclaims nothing. For now only the OOM killer is real: {@link #wakeKswapd} and {@link #directReclaim} do nothing,
 * so an allocation that needs reclaim goes straight on to the OOM killer. The lead replaces those two methods with
 * the reclaim core (kswapd, {@code try_to_free_pages()}) when merging the LRU work; {@link #outOfMemory} stays.
 *
 * <p>The OOM killer comes through a provider: the allocator needs this hook at boot, before the processes the
 * killer chooses among exist.
 */
final class KernelReclaim implements ReclaimHook {
    private final Provider<OomKiller> oomKiller;
    private final boolean hasDma32;

    KernelReclaim(Provider<OomKiller> oomKiller, Arch arch) {
        this.oomKiller = oomKiller;
        // Only x86-64 has ZONE_DMA32; on i386 GFP_DMA32 allocates from ZONE_NORMAL.
        this.hasDma32 = arch == Arch.X86_64;
    }

    @Override
    public void wakeKswapd(int node, int order, int highestZoneIndex, int gfp) {
        // No kswapd yet.
    }

    @Override
    public long directReclaim(int gfp, int order, int highestZoneIndex) {
        return 0;
    }

    /**
     * {@code __alloc_pages_may_oom()}: the checks the allocator leaves to this hook, then {@code out_of_memory()}.
     * A lowmem allocation (below ZONE_NORMAL) never kills: killing frees little of that memory; nor does a
     * __GFP_THISNODE one, as the victim may hold no memory on the node.
     */
    @Override
    public boolean outOfMemory(int gfp, int order) {
        if ((gfp & Gfp.__GFP_DMA) != 0 || hasDma32 && (gfp & Gfp.__GFP_DMA32) != 0 || (gfp & Gfp.__GFP_THISNODE) != 0) {
            return false;
        }
        return oomKiller.get().outOfMemory(gfp, order);
    }
}
