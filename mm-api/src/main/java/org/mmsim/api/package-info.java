/**
 * The machine as a whole: its {@link org.mmsim.api.MachineConfig configuration}, its {@link org.mmsim.api.Arch
 * architecture} and the {@link org.mmsim.api.Machine facade} through which a simulation is driven.
 *
 * <p>Each layer has a package of its own for its contracts: {@code physical} (nodes, zones, frames, the page
 * allocator), {@code paging} (address spaces, page tables, MMU, TLB, faults), {@code kalloc} (kmalloc, slab,
 * vmalloc, page cache), {@code reclaim} (LRU, swap, OOM); {@code spi} is the plugin SPI, and the only package a
 * plugin needs.
 */
package org.mmsim.api;
