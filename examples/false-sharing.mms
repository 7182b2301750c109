# False sharing: two processes on two CPUs write neighbouring words of one cache line. Neither reads the other's
# word, yet every write finds the line Modified in the other CPU's L1d: MESI invalidates it there and brings it over
# (a HITM transfer, perf's xsnp_hitm), so each store costs a cross-core transfer instead of an L1 hit. Put the words a
# line apart and the transfers stop.
# Run it with: ./mm run examples/false-sharing.mms
machine ram=1G cpus=2
spawn a
# One shared page, inherited by the child: both processes' writes reach the same frame, so the same physical lines.
a mmap counters 4K shared
a touch counters write
a fork b
echo "== a writes the word at offset 0, b the one at offset 8, in turn, 10000 times each: one line, two writers"
perf stat -a -e cycles,L1-dcache-stores,xsnp_hitm interleave 10000 0 a sweep counters write length=8 / 1 b sweep counters write offset=8 length=8
echo "== the same with the words 64 bytes apart, each on a line of its own: L1 hits after the first, no transfers"
perf stat -a -e cycles,L1-dcache-stores,xsnp_hitm interleave 10000 0 a sweep counters write length=8 / 1 b sweep counters write offset=64 length=8
