package org.mmsim.kalloc.slub;

import static org.mmsim.api.kalloc.SlabFlags.SLAB_ACCOUNT;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_HWCACHE_ALIGN;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_PANIC;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_RECLAIM_ACCOUNT;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_TYPESAFE_BY_RCU;

import java.util.List;

/**
 * The named caches a booted kernel has made by the time user space runs, in the order {@code start_kernel()} makes
 * them (radix_tree_init, anon_vma_init, fork_init, proc_caches_init, vfs_caches_init, ... then ext4's module init),
 * with the object sizes and flags of an x86-64 Linux 6.18 distribution kernel: the slot sizes /proc/slabinfo shows
 * come out of {@code calculate_sizes()} (ext4_inode_cache: 1120 + its free pointer = 1128, 14 a slab of 4 pages on
 * a 2-CPU machine, as linux-6.18-samples/proc-slabinfo.txt shows). {@code ctor} caches have a constructor (their
 * free pointer sits after the object); {@code usercopy} ones a hardened-usercopy region; neither kind is merged. The
 * fs_struct cache is merged into anon_vma_chain, as on a real machine.
 */
final class BootCaches {
    /** One boot cache: {@code kmem_cache_create(name, size, align, flags, ctor)}. */
    record Spec(String name, int size, int align, int flags, boolean ctor, boolean usercopy) {
    }

    static final List<Spec> ALL = List.of(
            new Spec("radix_tree_node", 576, 0, SLAB_PANIC | SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT, true, false),
            new Spec("pid", 112, 0, SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT, false, false),
            new Spec("anon_vma", 96, 0, SLAB_TYPESAFE_BY_RCU | SLAB_PANIC | SLAB_ACCOUNT, true, false),
            new Spec("anon_vma_chain", 64, 0, SLAB_PANIC | SLAB_ACCOUNT, false, false),
            new Spec("cred_jar", 184, 0, SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT, false, false),
            new Spec("task_struct", 9920, 64, SLAB_PANIC | SLAB_ACCOUNT, false, true),
            new Spec("sighand_cache", 2080, 0, SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_TYPESAFE_BY_RCU | SLAB_ACCOUNT,
                    true, false),
            new Spec("signal_cache", 1152, 0, SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT, false, false),
            new Spec("files_cache", 704, 0, SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT, false, false),
            new Spec("fs_cache", 56, 0, SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT, false, false),
            new Spec("mm_struct", 1344, 0, SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT, false, true),
            new Spec("vm_area_struct", 176, 0, SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_TYPESAFE_BY_RCU | SLAB_ACCOUNT,
                    false, false),
            new Spec("names_cache", 4096, 0, SLAB_HWCACHE_ALIGN | SLAB_PANIC, false, true),
            new Spec("dentry", 192, 0, SLAB_RECLAIM_ACCOUNT | SLAB_PANIC | SLAB_ACCOUNT, false, true),
            new Spec("inode_cache", 600, 0, SLAB_RECLAIM_ACCOUNT | SLAB_PANIC | SLAB_ACCOUNT, true, false),
            new Spec("filp", 232, 0, SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_TYPESAFE_BY_RCU | SLAB_ACCOUNT, false,
                    false),
            new Spec("kernfs_node_cache", 128, 0, SLAB_PANIC | SLAB_TYPESAFE_BY_RCU, false, false),
            new Spec("buffer_head", 104, 0, SLAB_RECLAIM_ACCOUNT | SLAB_PANIC, false, false),
            new Spec("proc_inode_cache", 696, 0, SLAB_RECLAIM_ACCOUNT | SLAB_PANIC | SLAB_ACCOUNT, true, false),
            new Spec("shmem_inode_cache", 776, 0, SLAB_PANIC | SLAB_ACCOUNT, true, false),
            new Spec("ext4_inode_cache", 1120, 0, SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT, true, false));

    private BootCaches() {
    }
}
