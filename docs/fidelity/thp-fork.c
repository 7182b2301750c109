/*
 * THP through fork, on the real kernel: a 64 MiB private anonymous mapping with MADV_HUGEPAGE, written whole, then
 * forked; the child writes the first 32 MiB, the parent 8 MiB of the half the child left, the child exits, and the
 * parent writes 8 MiB more alone. After each step: the buffer's smaps figures in the process that acted, the
 * /proc/vmstat THP counters as deltas, and AnonHugePages of /proc/meminfo. docs/FIDELITY.md compares them with
 * examples/thp-fork.mms.
 *
 *   gcc -O1 -Wall -o thp-fork docs/fidelity/thp-fork.c && ./thp-fork 4096 && ./thp-fork 2097152 && ./thp-fork munmap
 *
 * The argument is the stride of the writes: 4096 writes every small page, 2097152 one byte in each 2 MiB (and,
 * as mmsim's touch verb, the last byte of the range too).
 * With munmap the child unmaps instead of writing (see unmap_in_child()).
 * /sys/kernel/mm/transparent_hugepage/enabled must be madvise or always. The counters are the whole machine's, so
 * run it on an idle one.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define MB (1UL << 20)
#define SIZE (64 * MB)
#define NITEMS 6
static const char *items[NITEMS] = {"thp_fault_alloc", "thp_split_pmd", "thp_split_page", "thp_deferred_split_page",
                                    "nr_anon_transparent_hugepages", "thp_fault_fallback"};
static long last[NITEMS];
static char *buf;

static void read_vmstat(long *v) {
    FILE *f = fopen("/proc/vmstat", "r");
    char name[64];
    long val;
    while (fscanf(f, "%63s %ld", name, &val) == 2)
        for (int i = 0; i < NITEMS; i++)
            if (!strcmp(name, items[i])) v[i] = val;
    fclose(f);
}

/* The smaps entry of the VMA [from, to). */
static void smaps_of(const char *who, char *from, char *to) {
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[256], name[64];
    unsigned long start, end;
    long kb;
    int in = 0;
    printf("  %s:", who);
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%lx-%lx ", &start, &end) == 2 && strchr(line, ':') > strchr(line, ' ')) {
            in = start == (unsigned long) from && end == (unsigned long) to;
            continue;
        }
        if (in && sscanf(line, "%63[^:]: %ld kB", name, &kb) == 2
            && (!strcmp(name, "Rss") || !strcmp(name, "Pss") || !strcmp(name, "Shared_Dirty")
                || !strcmp(name, "Private_Dirty") || !strcmp(name, "AnonHugePages")))
            printf(" %s %ld", name, kb);
    }
    printf(" kB\n");
    fclose(f);
}

/* The buffer's own smaps entry. */
static void smaps(const char *who) {
    smaps_of(who, buf, buf + SIZE);
}

static void step(const char *what) {
    long now[NITEMS] = {0};
    char line[256];
    long kb = -1;
    read_vmstat(now);
    printf("%s\n  vmstat:", what);
    for (int i = 0; i < NITEMS; i++) printf(" %s %+ld", items[i], now[i] - last[i]);
    FILE *f = fopen("/proc/meminfo", "r");
    while (fgets(line, sizeof line, f)) sscanf(line, "AnonHugePages: %ld kB", &kb);
    fclose(f);
    printf("\n  meminfo: AnonHugePages %ld kB\n", kb);
    memcpy(last, now, sizeof now);
}

/* One write every stride bytes and one to the last byte, as mmsim's touch verb does. */
static void write_range(unsigned long from, unsigned long length, long stride) {
    for (unsigned long i = from; i < from + length; i += stride) buf[i]++;
    buf[from + length - 1]++;
}

/*
 * ./thp-fork munmap: the child unmaps the last 32 MiB (16 whole huge PMDs) and the first 1 MiB (half of one); then
 * the parent writes one byte at 0 (the huge page the child still maps half of) and one at 32 MiB (one the child
 * no longer maps).
 */
static int unmap_in_child(void) {
    int done[2];
    char c;
    if (pipe(done)) return 1;
    pid_t pid = fork();
    if (pid == 0) {
        munmap(buf + 32 * MB, 32 * MB);
        munmap(buf, MB);
        step("child unmapped 32-64 MiB and 0-1 MiB");
        smaps_of("child", buf + MB, buf + 32 * MB);
        if (write(done[1], "x", 1) != 1) _exit(1);
        pause();
        _exit(0);
    }
    if (read(done[0], &c, 1) != 1) return 1;
    read_vmstat(last);
    smaps("parent");
    buf[0]++;
    step("parent wrote at 0");
    smaps("parent");
    buf[32 * MB]++;
    step("parent wrote at 32 MiB");
    smaps("parent");
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
    return 0;
}

int main(int argc, char **argv) {
    int unmap = argc > 1 && !strcmp(argv[1], "munmap");
    long stride = argc > 1 && !unmap ? strtol(argv[1], 0, 0) : 4096;
    int done[2];
    char c;
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* 6.18 aligns an anonymous mapping of whole PMDs to a PMD (thp_get_unmapped_area()). */
    buf = mmap(0, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED || ((unsigned long) buf & (2 * MB - 1)) || madvise(buf, SIZE, MADV_HUGEPAGE)) {
        perror("an aligned MADV_HUGEPAGE mapping");
        return 1;
    }
    read_vmstat(last);
    write_range(0, SIZE, 4096);
    step("parent wrote 64 MiB");
    smaps("parent");
    if (unmap) return unmap_in_child();
    if (pipe(done)) return 1;
    pid_t pid = fork();
    if (pid == 0) {
        step("fork");
        smaps("child");
        write_range(0, 32 * MB, stride);
        step("child wrote the first 32 MiB");
        smaps("child");
        if (write(done[1], "x", 1) != 1) _exit(1);
        pause();
        _exit(0);
    }
    if (read(done[0], &c, 1) != 1) return 1;
    read_vmstat(last);
    smaps("parent");
    write_range(32 * MB, 8 * MB, stride);
    step("parent wrote 8 MiB of the half the child left");
    smaps("parent");
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
    step("child exited");
    smaps("parent");
    write_range(40 * MB, 8 * MB, stride);
    step("parent wrote 8 MiB more, alone");
    smaps("parent");
    return 0;
}
