/* String and memory work: building, copying, comparing and searching text. */
#include "rt.h"
#include "benchmmu.h"

#define LEN 4096
#define ROUNDS 400

static char a[LEN + 1], b[LEN + 1];

static int find(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (int i = 0; hay[i]; i++)
        if (strncmp(hay + i, needle, n) == 0)
            return i;
    return -1;
}

int main(void)
{
    benchmmu_setup();
    uint32_t acc = 0, x = 99;
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < LEN; i++) {
            x = x * 1664525u + 1013904223u;
            a[i] = (char)('a' + (x >> 24) % 26);
        }
        a[LEN] = 0;
        memcpy(b, a, LEN + 1);
        b[LEN - 1 - (r % 7)] = '!';
        acc += (uint32_t)strcmp(a, b) + (uint32_t)strlen(b);
        char needle[5] = { a[LEN - 9], a[LEN - 8], a[LEN - 7], a[LEN - 6], 0 };
        acc = acc * 7 + (uint32_t)find(a, needle);
    }
    rt_printf("strings: %x\n", acc);
    return 0;
}
