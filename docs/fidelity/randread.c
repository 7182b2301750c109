/*
 * 4 KiB random reads with O_DIRECT at queue depth 1, on the real disk: what one small request costs (its latency,
 * and its 4 KiB over the bandwidth). docs/FIDELITY.md ("A disk with a speed") compares it with the disk presets.
 *
 *   dd if=/dev/zero of=/tmp/ddtest bs=1M count=512 oflag=direct
 *   gcc -O2 -Wall -o randread docs/fidelity/randread.c && ./randread /tmp/ddtest 20000; rm /tmp/ddtest
 *
 * The offsets come from rand() seeded with 1, so each run reads the same blocks.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s FILE READS\n", argv[0]);
        return 2;
    }
    int fd = open(argv[1], O_RDONLY | O_DIRECT);
    if (fd < 0) { perror("open"); return 1; }
    long pages = lseek(fd, 0, SEEK_END) / 4096, n = atol(argv[2]);
    void *buf;
    if (pages <= 0 || posix_memalign(&buf, 4096, 4096) != 0) {
        fprintf(stderr, "%s: empty file or no memory\n", argv[1]);
        return 1;
    }
    srand(1);
    struct timespec a, b; clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < n; i++) {
        off_t off = (off_t)((((long)rand() << 16) ^ rand()) % pages) * 4096;
        if (pread(fd, buf, 4096, off) != 4096) { perror("pread"); return 1; }
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%ld reads of 4 KiB in %.3f s: %.1f us each, %.0f IOPS, %.1f MB/s\n", n, s, s / n * 1e6, n / s, n * 4096 / s / 1e6);
    return 0;
}
