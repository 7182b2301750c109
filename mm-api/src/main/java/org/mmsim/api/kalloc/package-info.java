/**
 * Contracts of the kernel's own allocators: {@code kmalloc()} and its size classes, SLUB slab caches
 * ({@code struct kmem_cache}), {@code vmalloc()}, and the page cache ({@code struct address_space}) with its
 * buffers, as mm/slub.c, mm/vmalloc.c and mm/filemap.c do them.
 */
package org.mmsim.api.kalloc;
