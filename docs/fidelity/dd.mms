# The dd experiment of docs/FIDELITY.md ("A disk with a speed") on the model's disk: 512 MiB written and fsynced,
# then read back cold, each timed by /proc/uptime; run with --machine disk=ssd (or nvme, or disk_bw=... disk_latency=...).
machine ram=2G
file create /data/ddtest 512M
spawn dd
sync
cat /proc/uptime
dd write /data/ddtest length=512M
dd fsync /data/ddtest
cat /proc/uptime
drop_caches 1
dd read /data/ddtest
cat /proc/uptime
