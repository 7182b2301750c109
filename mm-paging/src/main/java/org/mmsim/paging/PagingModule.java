package org.mmsim.paging;

import com.google.inject.AbstractModule;

/**
 * The Guice module of the paging layer: address spaces, VMAs, page tables, the MMU and TLBs, and the fault handler (mm/memory.c, mm/mmap.c).
 * The composition root ({@code org.mmsim.tools}) installs it beside the other layers' modules; this module binds
 * the layer's {@code org.mmsim.api.paging} contracts to its implementations, which live in unexported packages.
 */
public final class PagingModule extends AbstractModule {
    @Override
    protected void configure() {
        // The paging layer's bindings arrive with the layer itself; until then it contributes nothing to a machine.
    }
}
