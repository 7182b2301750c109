# Locality of reference, spatial and temporal: why a row-order sweep of a 2-D array beats a column-order one, and
# what a pointer chase costs. The array is C's double m[1024][1024]: 8 MiB, row after row in memory, 8 doubles to a
# 64-byte cache line and 512 to a 4 KiB page, on the default CPU (skylake-sp: 32 KiB L1d, 1 MiB L2, a 22 MiB L3,
# 4/14/68 cycles, 90 ns to DRAM at 2.6 GHz).
# Run it with: ./mm run examples/locality.mms
machine ram=1G cpus=2
spawn prog
# Two arrays of the same shape, faulted in first (one write a page), so that each sweep starts cold in the caches and
# counts no page faults.
prog malloc rows 8M
prog malloc cols 8M
prog touch rows
prog touch cols
echo "== row order: for (i) for (j) sum += m[i][j]. Consecutive addresses: the first double of each line misses (the"
echo "== prefetcher brings the next line, so about one in 16), the other seven hit. Few L1 misses, each line read once."
perf stat -e cycles,L1-dcache-loads,L1-dcache-load-misses,LLC-loads,LLC-load-misses,dTLB-loads,dTLB-load-misses prog sweep rows elem=8
# Loads 8 KiB apart share their address's low bits, which index a cache's sets (and the TLB's): a column's 1024
# lines crowd into a few sets of the L1d and the L2, and its 1024 pages into half the STLB's sets, so neither keeps
# the lines the next 7 columns need. The L3 does (8 MiB of its 22), so DRAM is read once a line, as in row order.
echo "== column order: for (j) for (i) sum += m[i][j]. 8 KiB apart: every load a new line and a new page; nearly"
echo "== every one misses L1d, L2 and the TLB and waits for a walk and the L3: the same loads, five times the cycles."
perf stat -e cycles,L1-dcache-loads,L1-dcache-load-misses,LLC-loads,LLC-load-misses,dTLB-loads,dTLB-load-misses prog sweep cols elem=8 stride=8K
echo "== a pointer chase over rows' 1 Mi doubles in a random cyclic order (seeded): no two loads near each other, no"
echo "== prefetch helps, every load misses L1 and L2, a quarter the TLB; the 8 MiB are in the L3 since the sweep."
perf stat -e cycles,L1-dcache-loads,L1-dcache-load-misses,LLC-loads,LLC-load-misses,dTLB-loads,dTLB-load-misses prog chase rows seed=7
