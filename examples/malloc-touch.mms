# The malloc demonstration: malloc grows the virtual size, not the resident set; touching the memory faults it in.
# Run it with: ./mm run examples/malloc-touch.mms
machine ram=2G
spawn prog image=hello
prog report started
# 100 Mi ints of 4 bytes: glibc maps 400 MiB (plus its chunk header) of its own, lazily.
prog malloc ints 400M
prog report "after malloc"
# Writing every int faults in every page: one minor fault a page.
prog touch ints write
prog report "after touch"
