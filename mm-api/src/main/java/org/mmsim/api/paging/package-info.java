/**
 * Contracts of the virtual-memory layer: processes and their address spaces ({@code mm_struct}), VMAs
 * ({@code struct vm_area_struct}), page tables, the MMU and TLBs, and page faults, as mm/memory.c, mm/mmap.c,
 * kernel/fork.c and the x86 MMU do them. Virtual addresses are primitive {@code long}s.
 */
package org.mmsim.api.paging;
