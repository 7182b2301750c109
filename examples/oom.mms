# The OOM killer: four programs fill a small machine that has no swap. When a page fault finds no free memory and
# nothing can be reclaimed, the kernel prints its report and kills the task oom_badness() scores highest: not the
# largest one here, as oom_score_adj weighs in. The others go on.
# Run it with: ./mm run examples/oom.mms   (dmesg prints the kernel's log again; so does ./mm run --json)
machine ram=256M swap=0
image web text=1M data=64K
image sshd text=512K
image batch text=256K
image hog text=128K
spawn web image=web
spawn sshd image=sshd
spawn batch image=batch
spawn hog image=hog
# sshd must survive anything; the batch job is the first to go. Each adj point is a thousandth of memory.
sshd oom_score_adj -1000
batch oom_score_adj 500
tick 1s
web malloc cache 60M
web touch cache
sshd malloc keys 20M
sshd touch keys
batch malloc work 40M
batch touch work
tick 1s
echo "oom_score of web, sshd, batch and hog (0 to 2000; 0 is never killed):"
cat /proc/web/oom_score
cat /proc/sshd/oom_score
cat /proc/batch/oom_score
cat /proc/hog/oom_score
tick 1s
# The hog asks for more than is left. One of its page faults finds the zone below its min watermark.
hog malloc big 100M
hog touch big
tick 1s
hog report hog
web touch cache read
web report web
sshd report sshd
