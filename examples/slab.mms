# examples/slab.mms: the SLUB allocator as a kernel module sees it, then slub_debug catching three bugs.
# Run with: ./mm run examples/slab.mms
machine ram=1G cpus=2 slub_debug=FZPU,kmalloc-128
echo "kmalloc takes the smallest class that fits: 100 bytes come from kmalloc-128, 20000 from the page allocator"
kmalloc small 100
kmalloc rcl 700 gfp=GFP_KERNEL|__GFP_RECLAIMABLE
kmalloc big 20000
echo "a cache of 60-byte objects; a second, compatible one is merged into it (slabinfo shows one)"
kmem_cache_create my_objs size=60
kmem_cache_create my_other_objs size=64
kmem_cache_alloc o my_objs
kmem_cache_alloc t task_struct
cat /proc/meminfo
slabtop
echo "slub_debug=FZPU on kmalloc-128: a write past the object, a double free, a use after free"
kmalloc p 128
kwrite p offset=128 value=0x12
kfree p
kfree small
kfree small
kwrite small offset=8 length=8 value=0x00
kmalloc again 128
echo "destroying a cache with a live object is refused, so free it first"
kmem_cache_free o
kmem_cache_destroy my_other_objs
kmem_cache_destroy my_objs
kmem_cache_shrink kmalloc-128
