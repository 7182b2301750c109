# NUMA: memory behind another node's controller costs the SLIT distance's share more (numactl --hardware: 10 to
# itself, 21 to the other node). Two nodes, one CPU each (each with its own L3): a program whose pages were faulted in
# on node 1 reads them from CPU 0 (remote) and from CPU 1 (local). The loads that reach DRAM cost 90 ns locally and
# 189 ns remotely (90 × 21 / 10); the cache hits cost the same either way.
# Run it with: ./mm run examples/numa-remote.mms
machine ram=2G nodes=2 cpus=2 memory=numa
spawn p
# On CPU 1 the page allocator takes node 1's memory first (the local node), so the array's frames are node 1's.
switch 1 p
p malloc a 16M
p touch a
# Each sweep reads a line (8 doubles) per 64 bytes once; the two CPUs' caches start cold for these lines.
echo "== from CPU 0, node 0: every line from node 1's memory, remote"
switch 0 p
perf stat -e cycles,L1-dcache-loads,LLC-loads,LLC-load-misses p sweep a elem=8 length=8M
echo "== from CPU 1, node 1: the other half of the array, local (its L3 holds the lines the touch wrote): half the cycles"
switch 1 p
perf stat -e cycles,L1-dcache-loads,LLC-loads,LLC-load-misses p sweep a elem=8 offset=8M
