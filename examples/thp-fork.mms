# Transparent huge pages through fork, as Linux 6.18 does it: fork shares each huge PMD whole, write-protected in
# both; a write to one splits only the writer's PMD and copies one small page, and a huge page stays in
# AnonHugePages while any PMD maps it. docs/FIDELITY.md puts these figures beside the real kernel's
# (docs/fidelity/thp-fork.c). Run it with: ./mm run examples/thp-fork.mms
spawn p
p mmap buf 64M
p madvise buf hugepage
p touch buf write
echo "== 64 MiB written: 32 huge pages"
grep -E "^(nr_anon_transparent_hugepages|thp_fault_alloc|thp_split_pmd|thp_split_page|thp_deferred_split_page) " /proc/vmstat
grep AnonHugePages /proc/meminfo
p fork c
echo "== after fork: the child maps the same 32 huge pages, each page's Pss halved (only the buffer is that large)"
grep -E "^(Rss|Pss|AnonHugePages): +[0-9]{5}" /proc/c/smaps
c touch buf write length=32M
echo "== the child wrote 32 MiB: 16 of its PMDs split, every small page copied; the parent keeps all 32 huge"
grep -E "^(nr_anon_transparent_hugepages|thp_split_pmd|thp_split_page) " /proc/vmstat
grep -E "^(Rss|Pss|AnonHugePages): +[0-9]{5}" /proc/c/smaps
grep -E "^(Rss|Pss|AnonHugePages): +[0-9]{5}" /proc/p/smaps
p touch buf write offset=32M length=8M
echo "== the parent wrote 8 MiB the child still shares: 4 more PMDs split, the huge pages still mapped by the child"
grep -E "^(nr_anon_transparent_hugepages|thp_split_pmd) " /proc/vmstat
grep AnonHugePages /proc/meminfo
c exit
echo "== the child exited: the 4 huge pages the parent copied away go, AnonHugePages with them"
grep -E "^(nr_anon_transparent_hugepages|thp_split_pmd) " /proc/vmstat
grep AnonHugePages /proc/meminfo
p touch buf write offset=40M length=8M
echo "== the parent writes alone: its huge pages are its own again, made writable without a split"
grep -E "^(nr_anon_transparent_hugepages|thp_split_pmd) " /proc/vmstat
grep -E "^(Rss|Pss|AnonHugePages): +[0-9]{5}" /proc/p/smaps
