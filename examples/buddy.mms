# The buddy allocator: zones, free lists per order, splitting and merging, per-CPU lists, watermarks.
# Run it with: ./mm run examples/buddy.mms
machine ram=64M cpus=2
echo "== at boot: free blocks of each order (4 KiB x 2^order) in each zone"
cat /proc/buddyinfo
echo "== GFP_KERNEL is unmovable and no unmovable block is free: it claims the largest movable block (4 MiB) and splits it"
alloc_pages a order=3 gfp=GFP_KERNEL
alloc_pages b order=0 gfp=GFP_DMA
cat /proc/buddyinfo
cat /proc/pagetypeinfo
echo "== freed small blocks wait on the per-CPU lists; compaction drains them and they merge again"
free_pages a
free_pages b
compact
cat /proc/buddyinfo
echo "== the watermarks follow min_free_kbytes"
sysctl vm.min_free_kbytes
sysctl vm.min_free_kbytes=4096
cat /proc/meminfo
