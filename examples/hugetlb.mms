# hugetlbfs huge pages, as Linux 6.18 keeps them: a pool the administrator fills from the buddy allocator
# (vm.nr_hugepages), reservations at mmap, pages taken from the pool at fault time and given back to it (not to the
# buddy allocator) at munmap and exit, copy-on-write of whole huge pages after fork, and SIGBUS when a MAP_NORESERVE
# mapping outruns the pool. docs/FIDELITY.md puts these figures beside the real kernel's (docs/fidelity/hugetlb.c).
# Run it with: ./mm run examples/hugetlb.mms
machine ram=24G cpus=2
echo 8 > /proc/sys/vm/nr_hugepages
echo "== a pool of 8 huge pages of 2 MiB, taken from the buddy allocator"
grep -E "^(HugePages_|Hugetlb)" /proc/meminfo
grep -E "^(nr_hugetlb|htlb_buddy_alloc_)" /proc/vmstat
spawn p
p mmap buf 8M hugetlb
echo "== mmap of 4 huge pages, private: all 4 reserved, none taken yet"
grep -E "^HugePages_(Free|Rsvd)" /proc/meminfo
p touch buf write length=4M
echo "== 2 touched: 2 reservations became pages; none of it is Rss"
grep -E "^HugePages_(Free|Rsvd)" /proc/meminfo
grep -E "^nr_hugetlb" /proc/vmstat
echo "-- the mapping's smaps (its lines of 2048 kB or more, and its flags: ht is VM_HUGETLB)"
grep -E "anon_hugepage|^(Size|KernelPageSize|MMUPageSize|Shared_Hugetlb|Private_Hugetlb): +(2048|4096|8192) kB|VmFlags:.* ht" /proc/p/smaps
grep -E "^(VmRSS|HugetlbPages)" /proc/p/status
p fork c
echo "== after fork the child maps the same 2 pages, write-protected: shared"
grep -E "^(Shared_Hugetlb|Private_Hugetlb): +[1-9]" /proc/c/smaps
c touch buf write length=1
echo "== the child wrote page 0: copied whole into a page of the pool, not a reserved one"
grep -E "^HugePages_(Free|Rsvd)" /proc/meminfo
grep -E "^(Shared_Hugetlb|Private_Hugetlb): +[1-9]" /proc/c/smaps
c exit
echo "== the child exited: its copy went back to the pool"
grep -E "^HugePages_(Free|Rsvd)" /proc/meminfo
p munmap buf
echo "== munmap: pages and unused reservations back to the pool, which keeps its 8"
grep -E "^(HugePages_|Hugetlb)" /proc/meminfo
p mmap big 20M hugetlb
p mmap big 20M hugetlb noreserve
echo "== 10 huge pages cannot be reserved from 8; with MAP_NORESERVE the mmap works, and the 9th fault gets SIGBUS"
p touch big write stride=2M
grep -E "^HugePages_(Total|Free|Rsvd)" /proc/meminfo
