# The page cache and the buffer cache: readahead, Buffers against Cached, dirty pages, the flusher, fsync,
# drop_caches. Run with ./mm run examples/pagecache.mms
machine ram=1G

echo "boot: the root file system is mounted; its superblock and root directory are Buffers"
cat /proc/meminfo

echo "creating a file dirties its inode, the bitmaps and its directory's block: Buffers and Dirty grow, Cached does not"
file create /data/log 64M
spawn app
cat /proc/meminfo

echo "4 KiB reads from the start: a window of 4 pages, then 8, 16, 32 (pgpgin counts the KiB read in)"
app read /data/log length=4K
app read /data/log offset=4K length=4K
app read /data/log offset=16K length=4K
app read /data/log offset=48K length=4K
echo "a jump reads only what is asked"
app read /data/log offset=40M length=4K

echo "writing 32 MiB: its pages are dirty (Dirty), nothing is on disk yet"
app write /data/log length=32M
cat /proc/meminfo

echo "the flusher wakes every 5 s and writes what has been dirty for 30 s: the reads above waited for the disk (100 us a"
echo "request, plus its pages), so the write is not quite 30 s old at 30 s: at 35 s the flusher starts, 4 MiB at a time"
tick 35s
cat /proc/meminfo
echo "at 100 MiB/s the 32 MiB are on disk 0.32 s later"
tick 1s
cat /proc/meminfo

echo "fsync writes a file's dirty pages and waits: 1 MiB is one request, 100 us + 10 ms at 100 MiB/s"
app write /data/log length=1M
app fsync /data/log

echo "drop_caches 1 frees the clean page cache and buffers; a read then comes from disk with the same content"
app read /data/log length=1M
drop_caches 1
cat /proc/meminfo
app read /data/log length=1M

echo "a writer over vm.dirty_ratio sleeps until the disk catches up"
sysctl vm.dirty_ratio=2
sysctl vm.dirty_background_ratio=1
app write /data/log
sync
cat /proc/vmstat
