package org.mmsim.kalloc.slub;

import static org.mmsim.api.kalloc.SlabFlags.SLAB_CACHE_DMA;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_CACHE_DMA32;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_HWCACHE_ALIGN;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_KMALLOC;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_POISON;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_RECLAIM_ACCOUNT;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_RED_ZONE;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_STORE_USER;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_TYPESAFE_BY_RCU;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import org.mmsim.api.kalloc.SlabFlags;
import org.mmsim.api.physical.Gfp;

/**
 * One slab cache ({@code struct kmem_cache}): its object layout ({@code calculate_sizes()} in mm/slub.c), its slab
 * order, its per-node partial lists (heads into {@link Slabs}) and its counters. The per-CPU slabs live in the
 * allocator's array, so the fast path reads one int.
 *
 * <p>Layout of a slot, with every debug flag (SLAB_RED_ZONE, SLAB_POISON, SLAB_STORE_USER):
 * {@code [left red zone][object][right red zone][free pointer][alloc track][free track][orig_size][padding]}; without
 * them a slot is the object rounded to the alignment, the free pointer inside it.
 */
final class KmemCache {
    /** {@code sizeof(struct track)} with stack depot: addr, handle, cpu, pid, when. */
    static int trackSize(int word) {
        return word == 8 ? 32 : 20;
    }

    final int id;
    final String name;
    final int flags;
    final int align;
    final LongConsumer ctor;
    final boolean boot;
    /** Not a merge target: a constructor, a usercopy region (kmalloc caches), or a flag in SLAB_NEVER_MERGE. */
    final boolean unmergeable;
    final int word;
    int objectSize;
    /** {@code s->inuse}: the object and its right red zone, where metadata starts. */
    int inuse;
    /** {@code s->size}: the slot. */
    final int size;
    /** Where the free pointer is, from the object's start. */
    final int offset;
    final boolean freeptrOutside;
    final int redLeftPad;
    /** {@code __OBJECT_POISON}: objects are filled with POISON_FREE (not with a constructor or RCU). */
    final boolean objectPoison;
    /** kmalloc caches with SLAB_STORE_USER remember each object's requested size ({@code slub_debug_orig_size()}). */
    final boolean origSize;
    final boolean debugBytes;
    final int order;
    final int objects;
    final int minOrder;
    final int minObjects;
    final int minPartial;
    /** {@code s->allocflags}: what every slab allocation of this cache adds to the caller's GFP. */
    final int allocFlags;
    int refcount = 1;
    final List<String> aliases = new ArrayList<>();
    final int[] partialHead;
    final int[] partialTail;
    final int[] nrPartial;
    long nrSlabs;
    long totalObjects;
    long inuseObjects;
    long pages;

    /**
     * @throws IllegalArgumentException if no slab order holds one object
     */
    KmemCache(int id, String name, int objectSize, int flags, KmemCacheArgs args, boolean boot, int cpus, int nodes,
              int word) {
        this.id = id;
        this.name = name;
        this.objectSize = objectSize;
        this.flags = flags;
        this.ctor = args.ctor();
        this.boot = boot;
        this.word = word;
        this.align = SlabOrder.calculateAlignment((flags & SLAB_HWCACHE_ALIGN) != 0, args.align(), objectSize, word);
        this.unmergeable = args.usercopy() || ctor != null || (flags & SlabFlags.SLAB_NEVER_MERGE) != 0;
        // calculate_sizes(): round to the word, then add the debug metadata around the object.
        int s = SlabOrder.alignUp(objectSize, word);
        objectPoison = (flags & SLAB_POISON) != 0 && (flags & SLAB_TYPESAFE_BY_RCU) == 0 && ctor == null;
        if ((flags & SLAB_RED_ZONE) != 0 && s == objectSize) {
            s += word;
        }
        inuse = s;
        // The free pointer may not overlay an object that must keep its bytes while free, unless an RCU cache
        // names a word of its object that may go (use_freeptr_offset).
        boolean rcu = (flags & SLAB_TYPESAFE_BY_RCU) != 0;
        freeptrOutside = (rcu && !args.useFreeptrOffset()) || (flags & SLAB_POISON) != 0 || ctor != null
                || ((flags & SLAB_RED_ZONE) != 0 && objectSize < word);
        if (freeptrOutside) {
            offset = s;
            s += word;
        } else if (rcu) {
            offset = args.freeptrOffset();
        } else {
            offset = (objectSize / 2) & -word;
        }
        origSize = (flags & SLAB_STORE_USER) != 0 && (flags & SLAB_KMALLOC) != 0;
        if ((flags & SLAB_STORE_USER) != 0) {
            s += 2 * trackSize(word);
            if (origSize) {
                s += 4;
            }
        }
        if ((flags & SLAB_RED_ZONE) != 0) {
            // Padding after the object catches writes before the next object's start.
            s += word;
            redLeftPad = SlabOrder.alignUp(word, this.align);
            s += redLeftPad;
        } else {
            redLeftPad = 0;
        }
        size = SlabOrder.alignUp(s, this.align);
        debugBytes = (flags & SlabFlags.DEBUG_METADATA_FLAGS) != 0;
        int o = SlabOrder.calculateOrder(size, cpus);
        if (o < 0) {
            throw new IllegalArgumentException("object size " + objectSize + " needs a slab above order "
                    + SlabOrder.MAX_PAGE_ORDER);
        }
        order = o;
        objects = SlabOrder.orderObjects(order, size);
        minOrder = SlabOrder.getOrder(size);
        minObjects = SlabOrder.orderObjects(minOrder, size);
        minPartial = SlabOrder.minPartial(size);
        int gfp = order > 0 ? Gfp.__GFP_COMP : 0;
        if ((flags & SLAB_CACHE_DMA) != 0) {
            gfp |= Gfp.GFP_DMA;
        }
        if ((flags & SLAB_CACHE_DMA32) != 0) {
            gfp |= Gfp.GFP_DMA32;
        }
        if ((flags & SLAB_RECLAIM_ACCOUNT) != 0) {
            gfp |= Gfp.__GFP_RECLAIMABLE;
        }
        allocFlags = gfp;
        partialHead = new int[nodes];
        Arrays.fill(partialHead, -1);
        partialTail = new int[nodes];
        Arrays.fill(partialTail, -1);
        nrPartial = new int[nodes];
    }

    boolean reclaimable() {
        return (flags & SLAB_RECLAIM_ACCOUNT) != 0;
    }

    /** {@code size_from_object()}: the slot from the object's start on. */
    int sizeFromObject() {
        return size - redLeftPad;
    }

    /** {@code get_info_end()} plus the tracks and orig_size: where the padding checked for POISON_INUSE starts. */
    int metadataEnd() {
        int off = freeptrOutside ? offset + word : inuse;
        if ((flags & SLAB_STORE_USER) != 0) {
            off += 2 * trackSize(word);
            if (origSize) {
                off += 4;
            }
        }
        return off;
    }
}
