package org.mmsim.kalloc.slub;

/**
 * The bytes of a debug cache's slab, and what {@code SLAB_STORE_USER} remembers of each object: the requested size
 * (kmalloc), and who last allocated and freed it, on which CPU and when (the {@code struct track}s of mm/slub.c,
 * kept here beside the bytes rather than inside them). Only caches with debug flags have these.
 */
final class DebugSlab {
    final byte[] bytes;
    final int[] origSize;
    final String[] allocBy;
    final int[] allocCpu;
    final long[] allocWhen;
    final String[] freeBy;
    final int[] freeCpu;
    final long[] freeWhen;

    DebugSlab(int slabBytes, int objects) {
        bytes = new byte[slabBytes];
        origSize = new int[objects];
        allocBy = new String[objects];
        allocCpu = new int[objects];
        allocWhen = new long[objects];
        freeBy = new String[objects];
        freeCpu = new int[objects];
        freeWhen = new long[objects];
    }
}
