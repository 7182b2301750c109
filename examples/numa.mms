# NUMA memory policies (mm/mempolicy.c) on a two-node machine: where a program's pages go, how a bad placement shows,
# and how numactl, mbind and migratepages fix it. Run it with: ./mm run examples/numa.mms
#
# Two nodes of 512 MiB, one CPU each: CPU 0 is on node 0, CPU 1 on node 1. Node 1 is 21 away from node 0 in the
# distance table (the SLIT), node 0 is 10 from itself: a load that goes to DRAM on the far node costs 21/10 of a
# local one, as on real hardware, and perf stat's cycles below show it.
machine ram=1G cpus=2 nodes=2 memory=numa
numactl --hardware
echo "== 1. A database bound to the far node: numactl --membind=1 --cpunodebind=0 runs it on CPU 0 (node 0)"
echo "   with every page it allocates on node 1. Its 64 MiB buffer lands there: each page is a numa_hit (node 1 is"
echo "   where the policy wanted it) but other_node (not the node of the CPU that asked); node 0's counts are the boot's."
numactl --membind=1 --cpunodebind=0 spawn db
db malloc buf 64M
db touch buf write
echo "   Reading the buffer once more from CPU 0: every line comes from node 1's memory."
perf stat -e cycles,LLC-loads,LLC-load-misses db touch buf read
cat /sys/devices/system/node/node0/numastat
cat /sys/devices/system/node/node1/numastat
echo "   numa_maps names the policy of each mapping (bind:1, the task's) and counts its pages per node (N1=):"
grep -E "anon=[0-9]{5}" /proc/db/numa_maps
echo "== 2. The fix without a restart: mbind the buffer to node 0 with MPOL_MF_MOVE. Each page migrates (a new page"
echo "   on node 0, the contents copied, the page table pointed at it): pgmigrate_success counts them."
db mbind buf bind 0 move
grep -E "anon=[0-9]{5}" /proc/db/numa_maps
grep -E "^(pgmigrate_success|pgmigrate_fail)" /proc/vmstat
echo "   The rest of db (its stack, heap, libc's data) still follows the task's policy, bind:1; migratepages moves"
echo "   every page of the process from node 1 to node 0 at once (as root it moves shared pages too):"
migratepages db 1 0
grep -E "anon=" /proc/db/numa_maps
echo "== 3. The fix at the start: run it bound to its own node. Its pages are numa_hit and numa_local on node 0."
db exit
numactl --membind=0 --cpunodebind=0 spawn db
db malloc buf 64M
db touch buf write
echo "   The same read of its own node's memory: the same misses, about half the cycles."
perf stat -e cycles,LLC-loads,LLC-load-misses db touch buf read
grep -E "anon=[0-9]{5}" /proc/db/numa_maps
cat /sys/devices/system/node/node0/numastat
echo "== 4. Interleave spreads a large buffer over both nodes, page by page: interleave_nid() takes a page's node from"
echo "   its index in the mapping, so the 256 MiB are half on each node, whichever order they are touched in. A page"
echo "   landing on the node interleaving chose counts interleave_hit (numa_interleave in /proc/vmstat)."
numactl --interleave=all spawn analytics
analytics malloc table 256M
analytics touch table write
grep -E "anon=[0-9]{5}" /proc/analytics/numa_maps
grep -E "^numa_interleave" /proc/vmstat
cat /sys/devices/system/node/node1/numastat
echo "== 5. Weighted interleave: node 0 gets 3 pages for each one node 1 gets (the weights under"
echo "   /sys/kernel/mm/mempolicy/weighted_interleave, 1 each by default)."
echo 3 > /sys/kernel/mm/mempolicy/weighted_interleave/node0
analytics malloc cache 64M
analytics mbind cache weighted_interleave 0-1
analytics touch cache write
grep -E "^[0-9a-f]+ weighted" /proc/analytics/numa_maps
echo "== 6. A policy the kernel refuses: node 2 does not exist here, so the nodemask has no node with memory (EINVAL)"
analytics set_mempolicy bind 2
