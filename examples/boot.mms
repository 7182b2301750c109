# A first scenario: boot a machine, let simulated time pass, read its /proc.
# Run it with: ./mm run examples/boot.mms
machine ram=8G swap=2G cpus=4       # anything not set keeps its default (x86_64, 1 node, 4-level paging)
echo "booted; one second of simulated time passes"
tick 1s
cat /proc/uptime
