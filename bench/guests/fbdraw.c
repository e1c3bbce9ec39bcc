/* Draws frames of filled rectangles into a 1024x768x32 framebuffer in RAM and checksums it. */
#include "rt.h"
#include "benchmmu.h"

#define WIDTH 1024
#define HEIGHT 768
#define FRAMES 8

static uint32_t *const fb = (uint32_t *)0x41000000; /* 3 MiB of RAM above the image */

static void rect(int x0, int y0, int w, int h, uint32_t color)
{
    for (int y = y0; y < y0 + h; y++) {
        uint32_t *row = fb + (size_t)y * WIDTH;
        for (int x = x0; x < x0 + w; x++)
            row[x] = color;
    }
}

int main(void)
{
    benchmmu_setup();
    uint32_t x = 1;
    for (int f = 0; f < FRAMES; f++) {
        rect(0, 0, WIDTH, HEIGHT, 0xff000000u | (uint32_t)f * 0x010101u);
        for (int i = 0; i < 24; i++) {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            int w = 32 + (int)(x % 256), h = 32 + (int)((x >> 8) % 192);
            int px = (int)((x >> 16) % (WIDTH - w)), py = (int)((x >> 4) % (HEIGHT - h));
            rect(px, py, w, h, x | 0xff000000u);
        }
    }
    uint32_t sum = 0;
    for (int i = 0; i < WIDTH * HEIGHT; i++)
        sum = (sum << 1 | sum >> 31) ^ fb[i];
    rt_printf("fbdraw: %x\n", sum);
    return 0;
}
