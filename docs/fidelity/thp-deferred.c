/*
 * The deferred split of a partly unmapped THP, on the real kernel: a 4 MiB private anonymous mapping with
 * MADV_HUGEPAGE, written whole (2 huge pages); MADV_DONTNEED of the second half of the first huge page; then
 * `echo 2 > /proc/sys/vm/drop_caches` (as root), which runs every shrinker, the deferred split's included. After
 * each step: /proc/vmstat's THP counters as deltas, the mapping's smaps Rss and AnonHugePages, and MemFree's change.
 *
 *   gcc -O1 -Wall -o thp-deferred docs/fidelity/thp-deferred.c && ./thp-deferred
 *
 * /sys/kernel/mm/transparent_hugepage/enabled must be madvise or always; the counters are the whole machine's, so
 * run it on an idle one.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MB (1UL << 20)
#define SIZE (4 * MB)
#define NITEMS 5
static const char *items[NITEMS] = {"thp_split_pmd", "thp_deferred_split_page", "thp_split_page",
                                    "nr_anon_transparent_hugepages", "thp_fault_alloc"};
static long last[NITEMS], lastfree;
static char *buf;

static long meminfo(const char *key) {
    FILE *f = fopen("/proc/meminfo", "r");
    char line[256];
    long kb = -1;
    size_t n = strlen(key);
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, key, n) && line[n] == ':') kb = atol(line + n + 1);
    fclose(f);
    return kb;
}

static void read_vmstat(long *v) {
    FILE *f = fopen("/proc/vmstat", "r");
    char name[64];
    long val;
    while (fscanf(f, "%63s %ld", name, &val) == 2)
        for (int i = 0; i < NITEMS; i++)
            if (!strcmp(name, items[i])) v[i] = val;
    fclose(f);
}

static void smaps(void) {
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[256], name[64];
    unsigned long start, end;
    long kb;
    int in = 0;
    printf("  smaps:");
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%lx-%lx ", &start, &end) == 2 && strchr(line, ':') > strchr(line, ' ')) {
            in = start == (unsigned long) buf && end == (unsigned long) (buf + SIZE);
            continue;
        }
        if (in && sscanf(line, "%63[^:]: %ld kB", name, &kb) == 2
            && (!strcmp(name, "Rss") || !strcmp(name, "AnonHugePages")))
            printf(" %s %ld", name, kb);
    }
    printf(" kB\n");
    fclose(f);
}

static void step(const char *what) {
    long now[NITEMS] = {0};
    long free = meminfo("MemFree");
    read_vmstat(now);
    printf("%s\n  vmstat:", what);
    for (int i = 0; i < NITEMS; i++) printf(" %s %+ld", items[i], now[i] - last[i]);
    printf("\n  meminfo: AnonHugePages %ld kB, MemFree %+ld kB\n", meminfo("AnonHugePages"), free - lastfree);
    smaps();
    memcpy(last, now, sizeof last);
    lastfree = free;
}

int main(void) {
    /* 2 MiB-aligned: map 2 MiB more and skip to the boundary. */
    char *raw = mmap(NULL, SIZE + 2 * MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) { perror("mmap"); return 1; }
    buf = (char *) (((unsigned long) raw + 2 * MB - 1) & ~(2 * MB - 1));
    if (madvise(buf, SIZE, MADV_HUGEPAGE)) { perror("madvise"); return 1; }
    read_vmstat(last);
    lastfree = meminfo("MemFree");
    memset(buf, 1, SIZE);
    step("write 4 MiB");
    if (madvise(buf + MB, MB, MADV_DONTNEED)) { perror("madvise"); return 1; }
    step("MADV_DONTNEED of 1-2 MiB");
    FILE *f = fopen("/proc/sys/vm/drop_caches", "w");
    if (!f || fputs("2\n", f) < 0 || fclose(f)) { perror("drop_caches"); return 1; }
    step("echo 2 > /proc/sys/vm/drop_caches");
    return 0;
}
