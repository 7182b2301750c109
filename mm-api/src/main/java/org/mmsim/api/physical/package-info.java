/**
 * Contracts of the physical-memory layer: NUMA nodes ({@code pg_data_t}), zones ({@code struct zone}), page frames
 * ({@code struct page}), the buddy page allocator ({@code alloc_pages()}), GFP flags, orders and migrate types, as
 * mm/page_alloc.c and mm/mm_init.c model them. Frame numbers (pfns) are primitive {@code long}s.
 */
package org.mmsim.api.physical;
