# The page cache under memory pressure: a file read twice is on the active list; then a program's anonymous memory
# needs the room. Reclaim takes the cache first (Cached shrinks, little goes to swap, as vm.swappiness=60 weighs
# file pages cheaper to drop than anon pages to write out), keeping a shadow entry of each evicted page. Reading
# the file again then refaults: workingset_refault_file counts them, and those evicted recently enough to be part
# of the working set are activated at once (workingset_activate_file).
# Run it with: ./mm run examples/page-cache.mms
machine ram=1G swap=1G
file create /data/big 512M
spawn reader
echo "the first read brings the file into the page cache (inactive), waiting 5.17 s for the disk (512 requests of 1 MiB, each 100 us + 10 ms);"
echo "the second finds it there, takes no time, and activates it"
reader read /data/big
cat /proc/uptime
reader read /data/big
cat /proc/uptime
grep -E "^(MemFree|Cached|Active\(file\)|Inactive\(file\)|AnonPages|SwapFree):" /proc/meminfo
echo "a program needs 640 MiB of anonymous memory: the cache makes room"
spawn hog
hog malloc heap 640M
hog touch heap write
grep -E "^(MemFree|Cached|Active\(file\)|Inactive\(file\)|AnonPages|SwapFree):" /proc/meminfo
grep -E "^(pgsteal_file|pgsteal_anon|pswpout) " /proc/vmstat
echo "the program ends; reading the file again refaults the pages that were evicted"
hog exit
reader read /data/big
grep -E "^(MemFree|Cached|Active\(file\)|Inactive\(file\)):" /proc/meminfo
grep -E "^workingset_(refault|activate|restore)_file " /proc/vmstat
