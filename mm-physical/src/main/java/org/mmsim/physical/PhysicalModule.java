package org.mmsim.physical;

import com.google.inject.AbstractModule;

/**
 * The Guice module of the physical layer: nodes, zones, the frame table and the buddy page allocator (mm/page_alloc.c, mm/mm_init.c).
 * The composition root ({@code org.mmsim.tools}) installs it beside the other layers' modules; this module binds
 * the layer's {@code org.mmsim.api.physical} contracts to its implementations, which live in unexported packages.
 */
public final class PhysicalModule extends AbstractModule {
    @Override
    protected void configure() {
        // The physical layer's bindings arrive with the layer itself; until then it contributes nothing to a machine.
    }
}
