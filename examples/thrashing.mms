# Thrashing: four programs each keep sweeping 300 MiB on a machine with 1 GiB of RAM and swap. Together they need
# more than RAM holds, so each page they come back to was swapped out meanwhile: major faults and swap traffic
# climb, reclaim scans far more than it frees (%vmeff), memory pressure (PSI) is high, and the programs crawl.
# Stop two and the other two fit: once they have read back what they had in swap (a few seconds at the disk's pace), the
# faults end and they run at full speed.
# Then a big program (700 MiB) and a small one (100 MiB): together they fit, and with global replacement (Linux's)
# neither faults. Run it again with local replacement, each process kept to an equal share of memory:
#   ./mm run examples/thrashing.mms --machine replacement=local
# and the big one thrashes on its own within its share (the small one is untouched, but the memory it does not use
# is lost to the big one), while the first part looks the same: four equal programs get equal shares either way.
machine ram=1G swap=2G cpus=2
spawn a
spawn b
spawn c
spawn d
a malloc adata 300M
b malloc bdata 300M
c malloc cdata 300M
d malloc ddata 300M
echo "each program fills its 300 MiB once, then sweeps it over and over"
a loop adata
b loop bdata
c loop cdata
d loop ddata
sar -B 1 8
progress
grep -E "^(workingset_refault_anon|workingset_activate_anon|pswpin|pswpout|pgmajfault|pgsteal_kswapd|pgsteal_direct|pgscan_kswapd|pgscan_direct) " /proc/vmstat
cat /proc/pressure/memory
echo "two of them end: the other two fit in memory"
c exit
d exit
tick 4s
progress
sar -B 1 2
progress
echo "a big program and a small one"
a exit
b exit
spawn big
spawn small
big malloc bigdata 700M
small malloc smalldata 100M
big loop bigdata
small loop smalldata
tick 2s
progress
sar -B 1 2
progress
grep -E "^(VmRSS|VmSwap):" /proc/big/status
grep -E "^(VmRSS|VmSwap):" /proc/small/status
