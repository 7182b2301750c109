# A tour of a simulated Linux machine, in the order a course on memory management takes it. Each step prints a
# caption, then the view that shows it. Run it with: ./mm run examples/tour.mms
machine ram=1G swap=1G cpus=2
echo "== 1. Boot: the zones, their free blocks by order (buddyinfo), and the memory as free sees it"
cat /proc/buddyinfo
free -m
echo "== 2. A program starts: fork of init, execve of its ELF image; the loader, libc, heap and stack are mapped"
spawn app
pmap -x app
echo "== 3. malloc is lazy: 200 MiB of address space, no memory yet; touching it faults each page in"
app malloc buf 200M
app report "after malloc"
app touch buf write
app report "after touch"
echo "== 4. fork shares every page copy-on-write; the child's first writes copy them"
app fork child
grep -E "^(VmRSS|RssAnon):" /proc/child/status
grep -E "^(MemFree|AnonPages):" /proc/meminfo
child touch buf write length=40M
echo "the child's 40 MiB of writes copied 10240 pages: AnonPages grew by 40 MiB, MemFree fell by as much"
grep -E "^(MemFree|AnonPages):" /proc/meminfo
echo "== 5. The page cache: a file read twice is read from disk once; Buffers hold the file system's metadata"
file create /data/log 256M
app read /data/log
app read /data/log
grep -E "^(Buffers|Cached|Active\(file\)|Inactive\(file\)):" /proc/meminfo
echo "== 6. Slab caches grow with the objects the kernel allocates"
kmem_cache_create tour_obj size=192
kmem_cache_alloc o1 tour_obj
grep -E "^(# name|tour_obj|vm_area_struct|task_struct) " /proc/slabinfo
echo "== 7. Memory pressure: two programs sweep more than RAM holds; kswapd reclaims, pages go to swap"
child exit
spawn a
spawn b
a malloc data 500M
b malloc data2 500M
a loop data
b loop data2
sar -B 1 3
vmstat 1 3
echo "== 8. Thrashing: major faults and I/O wait, progress at a crawl (b's), memory pressure rising"
progress
cat /proc/pressure/memory
top -b -n 1 -o RES
echo "== 9. The OOM killer: the loops end; with no swap left, a program that asks for more than there is gets killed"
a exit
b exit
swapoff /swap.img
spawn hog
hog malloc big 900M
hog touch big
echo "the others go on"
app report app
free -m
