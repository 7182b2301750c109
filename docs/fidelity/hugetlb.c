/*
 * hugetlbfs pages on the real kernel: a pool of 8 huge pages of 2 MiB (echo 8 > /proc/sys/vm/nr_hugepages, as root,
 * before), a private anonymous MAP_HUGETLB mapping of 4 of them, 2 touched, a fork whose child writes one of them
 * (copy-on-write: a page more from the pool), and a MAP_NORESERVE mapping larger than the pool, written page by
 * page in a child until SIGBUS. After each step the HugePages lines of /proc/meminfo, nr_hugetlb and
 * htlb_buddy_alloc_* of /proc/vmstat, and the mapping's smaps and status figures. docs/FIDELITY.md compares them
 * with examples/hugetlb.mms.
 *
 *   gcc -O1 -Wall -o hugetlb docs/fidelity/hugetlb.c
 *   echo 8 > /proc/sys/vm/nr_hugepages && ./hugetlb; echo 0 > /proc/sys/vm/nr_hugepages
 *
 * The pool is the whole machine's, so run it on a machine where nothing else uses huge pages.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define HPAGE (2UL << 20)

static void grep(const char *path, const char *const *names) {
    FILE *f = fopen(path, "r");
    char line[256];
    while (fgets(line, sizeof line, f))
        for (const char *const *n = names; *n; n++)
            if (!strncmp(line, *n, strlen(*n))) fputs(line, stdout);
    fclose(f);
}

static void pool(const char *step) {
    static const char *const meminfo[] = {"HugePages_", "Hugetlb:", NULL};
    static const char *const vmstat[] = {"nr_hugetlb ", "htlb_buddy_alloc_", NULL};
    printf("== %s\n", step);
    grep("/proc/meminfo", meminfo);
    grep("/proc/vmstat", vmstat);
}

/* The smaps entry of the VMA starting at from, its size lines and VmFlags. */
static void smaps_of(const char *who, char *from) {
    static const char *const names[] = {"Size:", "KernelPageSize:", "MMUPageSize:", "Rss:", "Pss:",
                                        "Shared_Hugetlb:", "Private_Hugetlb:", "VmFlags:", NULL};
    static const char *const status[] = {"HugetlbPages:", "VmRSS:", NULL};
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[256];
    unsigned long start, end;
    int in = 0;
    printf("-- %s smaps of the mapping\n", who);
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%lx-%lx ", &start, &end) == 2 && strchr(line, ':') > strchr(line, ' ')) {
            in = start == (unsigned long) from;
            if (in) fputs(line, stdout);
            continue;
        }
        if (in)
            for (const char *const *n = names; *n; n++)
                if (!strncmp(line, *n, strlen(*n))) fputs(line, stdout);
    }
    fclose(f);
    printf("-- %s status\n", who);
    grep("/proc/self/status", status);
}

int main(void) {
    pool("pool of 8, before mmap");
    char *p = mmap(NULL, 4 * HPAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); return 1; }
    pool("after mmap of 4 huge pages (private): reserved");
    p[0] = 1;
    p[HPAGE] = 1;
    pool("after touching 2");
    smaps_of("parent", p);
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        pool("after fork");
        smaps_of("child", p);
        p[0] = 2;
        pool("child wrote page 0: copy-on-write");
        smaps_of("child", p);
        fflush(stdout);
        _exit(0);
    }
    waitpid(c, NULL, 0);
    pool("child exited");
    munmap(p, 4 * HPAGE);
    pool("parent unmapped");

    /* Larger than the pool: refused with a reservation, allowed with MAP_NORESERVE, SIGBUS at the fault the pool
     * cannot serve. */
    char *q = mmap(NULL, 10 * HPAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
    printf("== mmap of 10 huge pages: %s\n", q == MAP_FAILED ? strerror(errno) : "mapped");
    q = mmap(NULL, 10 * HPAGE, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_NORESERVE, -1, 0);
    printf("== mmap of 10 huge pages, MAP_NORESERVE: %s\n", q == MAP_FAILED ? strerror(errno) : "mapped");
    pool("after the MAP_NORESERVE mmap: nothing reserved");
    fflush(stdout);
    c = fork();
    if (c == 0) {
        for (int i = 0; i < 10; i++) {
            printf("writing huge page %d\n", i);
            fflush(stdout);
            q[i * HPAGE] = 1;
        }
        _exit(0);
    }
    int st;
    waitpid(c, &st, 0);
    if (WIFSIGNALED(st)) printf("child killed by signal %d (%s)\n", WTERMSIG(st), strsignal(WTERMSIG(st)));
    pool("child gone: its pages back in the pool");
    return 0;
}
