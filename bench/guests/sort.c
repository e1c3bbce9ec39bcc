/* Quicksort (with insertion sort for small runs) of pseudo-random arrays, repeated. */
#include "rt.h"
#include "benchmmu.h"

#define COUNT (32 * 1024)
#define ROUNDS 12

static uint32_t data[COUNT];

static void insertion(uint32_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        uint32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quicksort(uint32_t *a, int n)
{
    while (n > 16) {
        uint32_t pivot = a[n / 2];
        int i = 0, j = n - 1;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                uint32_t t = a[i]; a[i] = a[j]; a[j] = t;
                i++; j--;
            }
        }
        if (j + 1 < n - i) {
            quicksort(a, j + 1);
            a += i; n -= i;
        } else {
            quicksort(a + i, n - i);
            n = j + 1;
        }
    }
    insertion(a, n);
}

int main(void)
{
    benchmmu_setup();
    uint32_t x = 7, sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < COUNT; i++) {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            data[i] = x;
        }
        quicksort(data, COUNT);
        for (int i = 1; i < COUNT; i++)
            if (data[i - 1] > data[i]) {
                rt_printf("sort: not sorted at %d\n", i);
                return 1;
            }
        sum = sum * 31 + data[COUNT / 3] + data[COUNT - 1];
    }
    rt_printf("sort: %x\n", sum);
    return 0;
}
