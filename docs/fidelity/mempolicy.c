#define _GNU_SOURCE
/*
 * The memory-policy system calls' answers on this machine's Linux 6.18 (one node), and /proc/self/numa_maps's policy
 * column after mbind of each mode; mmsim's MempolicyErrnoTest expects the same. gcc -O1 -o mempolicy mempolicy.c
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MPOL_DEFAULT 0
#define MPOL_PREFERRED 1
#define MPOL_BIND 2
#define MPOL_INTERLEAVE 3
#define MPOL_LOCAL 4
#define MPOL_PREFERRED_MANY 5
#define MPOL_WEIGHTED_INTERLEAVE 6
#define MPOL_F_STATIC_NODES (1 << 15)
#define MPOL_F_RELATIVE_NODES (1 << 14)
#define MPOL_MF_STRICT 1
#define MPOL_MF_MOVE 2

static const char *e(long r) { return r == 0 ? "0" : strerrorname_np(errno); }
static long setpol(int mode, unsigned long mask) { return syscall(SYS_set_mempolicy, mode, &mask, 65); }

static void maps(const char *title) {
    char buf[8192];
    FILE *f = fopen("/proc/self/numa_maps", "r");
    printf("--- %s\n", title);
    while (fgets(buf, sizeof buf, f)) {
        if (strstr(buf, " anon=") && !strstr(buf, "file=") && !strstr(buf, "heap") && !strstr(buf, "stack")) fputs(buf, stdout);
    }
    fclose(f);
}

int main(void) {
    printf("set_mempolicy bind {} %s\n", e(setpol(MPOL_BIND, 0)));
    printf("set_mempolicy bind {1} %s\n", e(setpol(MPOL_BIND, 2)));
    printf("set_mempolicy default {0} %s\n", e(setpol(MPOL_DEFAULT, 1)));
    printf("set_mempolicy local {0} %s\n", e(setpol(MPOL_LOCAL, 1)));
    printf("set_mempolicy preferred|static {} %s\n", e(setpol(MPOL_PREFERRED | MPOL_F_STATIC_NODES, 0)));
    printf("set_mempolicy 7 {0} %s\n", e(setpol(7, 1)));
    printf("set_mempolicy bind|static|relative {0} %s\n", e(setpol(MPOL_BIND | MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES, 1)));
    printf("set_mempolicy interleave {} %s\n", e(setpol(MPOL_INTERLEAVE, 0)));
    printf("set_mempolicy preferred {} %s\n", e(setpol(MPOL_PREFERRED, 0)));
    printf("set_mempolicy bind|relative {1} %s\n", e(setpol(MPOL_BIND | MPOL_F_RELATIVE_NODES, 2)));
    printf("set_mempolicy bind {0,1} %s\n", e(setpol(MPOL_BIND, 3)));
    long page = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + 2 * page, page);
    unsigned long one = 1, none = 0, two = 2;
    printf("mbind unaligned %s\n", e(syscall(SYS_mbind, p + 1, page, MPOL_BIND, &one, 65, 0)));
    printf("mbind hole %s\n", e(syscall(SYS_mbind, p, 4 * page, MPOL_BIND, &one, 65, 0)));
    printf("mbind flags 8 %s\n", e(syscall(SYS_mbind, p, page, MPOL_BIND, &one, 65, 8)));
    printf("mbind bind {} %s\n", e(syscall(SYS_mbind, p, page, MPOL_BIND, &none, 65, 0)));
    printf("mbind bind {1} %s\n", e(syscall(SYS_mbind, p, page, MPOL_BIND, &two, 65, 0)));
    printf("mbind length 0 %s\n", e(syscall(SYS_mbind, p, 0, MPOL_BIND, &one, 65, 0)));
    printf("migrate_pages {0}->{1} %s\n", e(syscall(SYS_migrate_pages, 0, 65, &one, &two)));
    printf("migrate_pages {0}->{0} %ld\n", syscall(SYS_migrate_pages, 0, 65, &one, &one));
    void *pages[2] = {p, p + page};
    int nodes[2] = {1, 1}, status[2] = {99, 99};
    printf("move_pages to node 1 %s\n", e(syscall(SYS_move_pages, 0, 2, pages, nodes, status, 0)));
    char *m = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    m[0] = 1;
    void *three[3] = {m, m + page, (void *) 0x1000};
    int zeros[3] = {0, 0, 0}, st[3] = {99, 99, 99};
    long r = syscall(SYS_move_pages, 0, 3, three, NULL, st, 0);
    printf("move_pages query %ld status %d %d %d\n", r, st[0], st[1], st[2]);
    r = syscall(SYS_move_pages, 0, 3, three, zeros, st, 0);
    printf("move_pages to node 0 %ld status %d %d %d\n", r, st[0], st[1], st[2]);
    char *q = mmap(NULL, 16 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 16; i++) q[i * page] = 1;
    syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
    maps("default");
    syscall(SYS_mbind, q, 4 * page, MPOL_BIND, &one, 65, 0);
    syscall(SYS_mbind, q + 4 * page, 4 * page, MPOL_INTERLEAVE, &one, 65, 0);
    syscall(SYS_mbind, q + 8 * page, 4 * page, MPOL_PREFERRED, &one, 65, 0);
    syscall(SYS_mbind, q + 12 * page, 2 * page, MPOL_LOCAL, NULL, 0, 0);
    syscall(SYS_mbind, q + 14 * page, 2 * page, MPOL_BIND | MPOL_F_STATIC_NODES, &one, 65, MPOL_MF_MOVE);
    maps("mbind bind, interleave, preferred, local, bind=static");
    syscall(SYS_mbind, q, 4 * page, MPOL_PREFERRED_MANY, &one, 65, 0);
    syscall(SYS_mbind, q + 4 * page, 4 * page, MPOL_WEIGHTED_INTERLEAVE, &one, 65, 0);
    syscall(SYS_mbind, q + 8 * page, 4 * page, MPOL_INTERLEAVE | MPOL_F_RELATIVE_NODES, &one, 65, 0);
    maps("mbind prefer many, weighted interleave, interleave=relative");
    syscall(SYS_set_mempolicy, MPOL_INTERLEAVE, &one, 65);
    maps("task interleave: VMAs without their own policy show it");
    return 0;
}
