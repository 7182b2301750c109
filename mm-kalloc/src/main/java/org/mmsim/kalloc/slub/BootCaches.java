package org.mmsim.kalloc.slub;

import static org.mmsim.api.kalloc.SlabFlags.SLAB_ACCOUNT;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_HWCACHE_ALIGN;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_PANIC;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_RECLAIM_ACCOUNT;
import static org.mmsim.api.kalloc.SlabFlags.SLAB_TYPESAFE_BY_RCU;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * Named caches a booted Linux 6.18 kernel has made by the time user space runs: those the model allocates from
 * (task_struct, mm_struct, vm_area_struct, ext4_inode_cache, dentry) and core ones a scenario's
 * {@code kmem_cache_alloc} and cache merging meet, in the order {@code start_kernel()} makes them as
 * linux-6.18-samples/proc-slabinfo-full.txt lists them (newest first): mm_cache_init, radix_tree_init, pid_idr_init,
 * anon_vma_init, cred_init, fork_init, proc_caches_init, vfs_caches_init, ... then ext4's module init.
 *
 * <p>Each object size is {@code sizeof} the kernel struct on an x86-64 6.18 distribution kernel, as
 * /sys/kernel/slab/NAME/object_size shows it; /proc/slabinfo's objsize column is the slot {@code calculate_sizes()}
 * makes of it (a constructor's or RCU's free pointer after the object, then the alignment), and objects and pages per
 * slab follow from the slot by {@link SlabOrder}, so every row matches the sample's 2-CPU machine. {@code ctor}
 * caches have a constructor; {@code usercopy} ones a hardened-usercopy region; neither kind is merged.
 * {@code freeptr} is {@code kmem_cache_args.freeptr_offset} of the RCU caches that keep their free pointer inside the
 * object, -1 elsewhere. As on the real machine, {@code cred} merges into {@code pid} and {@code fs_cache} into
 * {@code anon_vma_chain}, so neither has a row of its own.
 */
final class BootCaches {
    /** The constructors' work is not modelled: a constructor only moves the free pointer and forbids merging. */
    private static final LongConsumer CTOR = object -> { };

    /** One boot cache: {@code kmem_cache_create(name, size, args, flags)}. */
    record Spec(String name, int size, int align, int flags, boolean ctor, boolean usercopy, int freeptr) {
        KmemCacheArgs args() {
            return new KmemCacheArgs(align, usercopy, freeptr, ctor ? CTOR : null);
        }
    }

    private static final int HW_PANIC_ACCOUNT = SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT;
    private static final int RECLAIM_PANIC_ACCOUNT = SLAB_RECLAIM_ACCOUNT | SLAB_PANIC | SLAB_ACCOUNT;

    static final List<Spec> ALL = List.of(
            // struct mm_struct with its cpumask and mm_cid masks, sized for NR_CPUS = 256 (kernel/fork.c
            // mm_cache_init()): 1568, slot 1600, 20 a slab of 8 pages.
            new Spec("mm_struct", 1568, 0, HW_PANIC_ACCOUNT, false, true, -1),
            // struct radix_tree_node (= struct xa_node, lib/radix-tree.c radix_tree_init()): 576 + free pointer.
            new Spec("radix_tree_node", 576, 0, SLAB_PANIC | SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT, true, false, -1),
            // struct pid with one struct upid (kernel/pid.c pid_idr_init()): 184, slot 192.
            new Spec("pid", 184, 0, HW_PANIC_ACCOUNT, false, false, -1),
            // struct anon_vma (mm/rmap.c anon_vma_init()): 96 + free pointer = 104.
            new Spec("anon_vma", 96, 0, SLAB_TYPESAFE_BY_RCU | SLAB_PANIC | SLAB_ACCOUNT, true, false, -1),
            new Spec("anon_vma_chain", 64, 0, SLAB_PANIC | SLAB_ACCOUNT, false, false, -1),
            // struct cred (kernel/cred.c cred_init(), KMEM_CACHE(cred, ...)): 184, slot 192: merged into pid.
            new Spec("cred", 184, 0, HW_PANIC_ACCOUNT, false, false, -1),
            // arch_task_struct_size (arch/x86/kernel/fpu/init.c fpu__init_task_struct_size()): struct task_struct
            // whose FPU register buffer is sized for the CPU's XSAVE area, 3368 + 2432 bytes of AVX-512 state on the
            // sample's CPU = 5800 (the same kernel shows 5840 on a CPU with 2472 bytes, CET state added), aligned to
            // L1_CACHE_BYTES (kernel/fork.c fork_init()): slot 5824, 5 a slab of 8 pages.
            new Spec("task_struct", 5800, 64, SLAB_PANIC | SLAB_ACCOUNT, false, true, -1),
            // struct sighand_struct: 2080 + free pointer, slot 2112.
            new Spec("sighand_cache", 2080, 0, HW_PANIC_ACCOUNT | SLAB_TYPESAFE_BY_RCU, true, false, -1),
            new Spec("signal_cache", 1152, 0, HW_PANIC_ACCOUNT, false, false, -1),
            new Spec("files_cache", 704, 0, HW_PANIC_ACCOUNT, false, false, -1),
            // struct fs_struct: 56, slot 64: merged into anon_vma_chain.
            new Spec("fs_cache", 56, 0, HW_PANIC_ACCOUNT, false, false, -1),
            // struct vm_area_struct (mm/vma_init.c vma_state_init(), from mmap_init()): 192 with its free pointer in
            // vm_freeptr, the union with vm_start and vm_end at offset 0, so the slot stays 192.
            new Spec("vm_area_struct", 192, 0, HW_PANIC_ACCOUNT | SLAB_TYPESAFE_BY_RCU, false, false, 0),
            // PATH_MAX bytes (fs/dcache.c vfs_caches_init()).
            new Spec("names_cache", 4096, 0, SLAB_HWCACHE_ALIGN | SLAB_PANIC, false, true, -1),
            new Spec("dentry", 192, 0, RECLAIM_PANIC_ACCOUNT, false, true, -1),
            // struct inode (fs/inode.c inode_init()): 616 + free pointer = 624.
            new Spec("inode_cache", 616, 0, RECLAIM_PANIC_ACCOUNT, true, false, -1),
            // struct file (fs/file_table.c files_init()): 184 with its free pointer in f_freeptr, at offset 144.
            new Spec("filp", 184, 0, HW_PANIC_ACCOUNT | SLAB_TYPESAFE_BY_RCU, false, false, 144),
            // struct kernfs_node (fs/kernfs/mount.c kernfs_init()): 136, SLAB_PANIC alone.
            new Spec("kernfs_node_cache", 136, 0, SLAB_PANIC, false, false, -1),
            // struct shmem_inode_info (mm/shmem.c shmem_init_inodecache()): 744 + free pointer = 752.
            new Spec("shmem_inode_cache", 744, 0, SLAB_PANIC | SLAB_ACCOUNT, true, false, -1),
            // struct proc_inode (fs/proc/inode.c proc_init_kmemcache()): 688 + free pointer = 696.
            new Spec("proc_inode_cache", 688, 0, RECLAIM_PANIC_ACCOUNT, true, false, -1),
            new Spec("buffer_head", 104, 0, SLAB_RECLAIM_ACCOUNT | SLAB_PANIC, false, false, -1),
            // struct ext4_inode_info (fs/ext4/super.c init_inodecache()): 1120 + free pointer = 1128, 14 a slab of 4.
            new Spec("ext4_inode_cache", 1120, 0, SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT, true, true, -1));

    private BootCaches() {
    }
}
