/* The row- and column-order sweeps of examples/locality.mms as a C program, for cachegrind (docs/FIDELITY.md):
 * gcc -O1 -o sweep sweep.c; valgrind --tool=cachegrind --cache-sim=yes --D1=32768,8,64 --LL=23068672,11,64 ./sweep r
 * (c for column order; a second argument returns before the sweep, to measure the program's start and exit). */
#include <stdio.h>
#include <stdlib.h>
#define N 1024
int main(int argc, char **argv) {
    double *m = malloc(sizeof(double) * N * N);
    for (long k = 0; k < (long) N * N; k += 512) m[k] = 1;  /* one write a page, as touch does */
    double sum = 0;
    if (argc > 2) return 0;
    if (argc > 1 && argv[1][0] == 'c') {
        for (int j = 0; j < N; j++) for (int i = 0; i < N; i++) sum += m[(long) i * N + j];
    } else {
        for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) sum += m[(long) i * N + j];
    }
    printf("%f\n", sum);
    return 0;
}
