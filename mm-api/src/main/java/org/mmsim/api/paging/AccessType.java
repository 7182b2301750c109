package org.mmsim.api.paging;

/**
 * What a memory access does, which decides the permission the MMU checks and the PTE bits it sets: a read sets
 * Accessed, a write sets Accessed and Dirty and needs RW, an instruction fetch needs the NX bit clear.
 */
public enum AccessType {
    READ,
    WRITE,
    EXECUTE
}
