/* Table-driven CRC-32 (IEEE) over a pseudo-random 64 KiB buffer, many passes. */
#include "rt.h"
#include "benchmmu.h"

#define SIZE (64 * 1024)
#define PASSES 120

static uint8_t buffer[SIZE];
static uint32_t table[256];

int main(void)
{
    benchmmu_setup();
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    uint32_t x = 12345;
    for (int i = 0; i < SIZE; i++) {
        x = x * 1103515245u + 12345u;
        buffer[i] = (uint8_t)(x >> 16);
    }
    uint32_t crc = 0;
    for (int pass = 0; pass < PASSES; pass++) {
        uint32_t c = ~crc;
        for (int i = 0; i < SIZE; i++)
            c = table[(c ^ buffer[i]) & 0xFF] ^ (c >> 8);
        crc = ~c;
    }
    rt_printf("crc: %x\n", crc);
    return 0;
}
