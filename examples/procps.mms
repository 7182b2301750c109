# The procps habits on a simulated machine: ps in its layouts, top's options, vmstat -w, free's repeats. Programs keep
# the names a scenario gives them: spawn web image=server runs the server's image as a program file named web would.
# Run it with: ./mm run examples/procps.mms (in ./mm shell, top without -b redraws in place until q, vmstat 1 and
# watch -n 1 free -m run until Ctrl-C)
machine ram=1G swap=1G cpus=2
spawn web image=server
spawn db
db malloc cache 300M
db mlock cache
db loop cache
tick 10s
echo "== ps aux: BSD's user format, every task (the kernel's threads in brackets); db runs (R), locked pages (L)"
ps aux
echo "== ps -ef: the full format, with the parent and the start time"
ps -ef
echo "== ps -o: the fields asked, of the tasks -p names (pids or names)"
ps -o pid,ppid,stat,ni,etime,time,rss,comm -p 1,web,db
echo "== top -p: only these tasks; -o %MEM sorts by memory"
top -b -n 1 -p web,db -o %MEM
echo "== vmstat -w: the wide columns, guest time (gu) last"
vmstat -w 1 3
echo "== free -s 1 -c 2: a report each second, twice"
free -m -s 1 -c 2
