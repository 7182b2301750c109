package org.mmsim.reclaim;

import com.google.inject.AbstractModule;

/**
 * The Guice module of the reclaim layer: the LRU lists, kswapd and direct reclaim, swap and the OOM killer (mm/vmscan.c, mm/oom_kill.c).
 * The composition root ({@code org.mmsim.tools}) installs it beside the other layers' modules; this module binds
 * the layer's {@code org.mmsim.api.reclaim} contracts to its implementations, which live in unexported packages.
 */
public final class ReclaimModule extends AbstractModule {
    @Override
    protected void configure() {
        // The reclaim layer's bindings arrive with the layer itself; until then it contributes nothing to a machine.
    }
}
