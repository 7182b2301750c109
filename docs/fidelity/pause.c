/*
 * A program at start, on the real kernel: a small C program that does nothing but wait, so what is resident is what
 * exec, the dynamic loader and libc's start left. docs/FIDELITY.md compares it with `spawn p` (image hello).
 *
 *   gcc -O2 -o pausep docs/fidelity/pause.c && (./pausep & sleep 0.5; grep -E 'Vm|Rss' /proc/$!/status;
 *       cat /proc/$!/smaps_rollup; pmap -x $!; kill $!)
 *
 * Run it twice: the first run after the binary was written may find part of it still dirty in the page cache.
 */
#include <unistd.h>

int main(void)
{
    pause();
    return 0;
}
