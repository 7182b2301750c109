package org.mmsim.physical.init;

import org.mmsim.api.kernel.ReclaimHook;

/**
 * Reclaim on a machine that has none: kswapd is never woken, direct reclaim frees nothing, the OOM killer kills
 * nothing, so an allocation that needs reclaim fails. The reclaim layer replaces it.
 */
public final class NoReclaim implements ReclaimHook {
    @Override
    public void wakeKswapd(int node, int order, int highestZoneIndex, int gfp) {
        // No kswapd to wake.
    }

    @Override
    public long directReclaim(int gfp, int order, int highestZoneIndex, long nodemask) {
        return 0;
    }

    @Override
    public boolean outOfMemory(int gfp, int order, long nodemask) {
        return false;
    }
}
