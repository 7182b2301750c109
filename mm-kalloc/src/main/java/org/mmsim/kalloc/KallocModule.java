package org.mmsim.kalloc;

import com.google.inject.AbstractModule;

/**
 * The Guice module of the kalloc layer: kmalloc, the SLUB caches, vmalloc and the page cache (mm/slub.c, mm/vmalloc.c, mm/filemap.c).
 * The composition root ({@code org.mmsim.tools}) installs it beside the other layers' modules; this module binds
 * the layer's {@code org.mmsim.api.kalloc} contracts to its implementations, which live in unexported packages.
 */
public final class KallocModule extends AbstractModule {
    @Override
    protected void configure() {
        // The kalloc layer's bindings arrive with the layer itself; until then it contributes nothing to a machine.
    }
}
