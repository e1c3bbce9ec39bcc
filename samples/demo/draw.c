#include "draw.h"

struct framebuffer fb;

uint32_t fb_pixel(uint32_t rgb)
{
    uint32_t r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
    switch (fb.bpp) {
    case 32:
        return rgb & 0xFFFFFF;
    case 16:
        return (r >> 3) << 11 | (g >> 2) << 5 | (b >> 3);
    default:
        return (r >> 5) << 5 | (g >> 5) << 2 | (b >> 6);
    }
}

/* The pixel replicated over 64 bits. */
static uint64_t pattern(uint32_t pixel)
{
    switch (fb.bytespp) {
    case 4:
        return (uint64_t)pixel * 0x0000000100000001UL;
    case 2:
        return (uint64_t)(pixel & 0xFFFF) * 0x0001000100010001UL;
    default:
        return (uint64_t)(pixel & 0xFF) * 0x0101010101010101UL;
    }
}

/* Fills [p, end) with pixels of `size` bytes: unit stores up to an 8-byte
 * boundary, 64-bit stores (two at a time), unit stores for the tail. Inlined with a
 * constant size. */
static inline __attribute__((always_inline))
void fill(uintptr_t p, uintptr_t end, uint32_t pixel, uint64_t pat, unsigned size)
{
    for (; (p & 7) != 0 && p < end; p += size) {
        if (size == 4)
            *(uint32_t *)p = pixel;
        else if (size == 2)
            *(uint16_t *)p = (uint16_t)pixel;
        else
            *(uint8_t *)p = (uint8_t)pixel;
    }
    for (; p + 16 <= end; p += 16) {
        ((uint64_t *)p)[0] = pat;
        ((uint64_t *)p)[1] = pat;
    }
    if (p + 8 <= end) {
        *(uint64_t *)p = pat;
        p += 8;
    }
    for (; p < end; p += size) {
        if (size == 4)
            *(uint32_t *)p = pixel;
        else if (size == 2)
            *(uint16_t *)p = (uint16_t)pixel;
        else
            *(uint8_t *)p = (uint8_t)pixel;
    }
}

void fb_rect(int x, int y, int w, int h, uint32_t pixel)
{
    if (x < 0) {
        w += x;
        x = 0;
    }
    if (w > (int)fb.width - x)
        w = (int)fb.width - x;
    if (y < 0) {
        h += y;
        y = 0;
    }
    if (h > (int)fb.height - y)
        h = (int)fb.height - y;
    if (w <= 0 || h <= 0)
        return;
    unsigned size = fb.bytespp;
    unsigned long stride = fb.stride;
    uintptr_t p = fb.base + (uintptr_t)y * stride + (uintptr_t)x * size;
    uintptr_t len = (uintptr_t)w * size;
    uint64_t pat = pattern(pixel);
    switch (size) {
    case 4:
        for (; h > 0; h--, p += stride)
            fill(p, p + len, pixel, pat, 4);
        break;
    case 2:
        for (; h > 0; h--, p += stride)
            fill(p, p + len, pixel, pat, 2);
        break;
    default:
        for (; h > 0; h--, p += stride)
            fill(p, p + len, pixel, pat, 1);
        break;
    }
}

void fb_span(int x, int y, int w, uint32_t pixel)
{
    fb_rect(x, y, w, 1, pixel);
}

void fb_put_line(int y, const void *line)
{
    if (y < 0 || y >= (int)fb.height)
        return;
    uint64_t *p = (uint64_t *)(fb.base + (uintptr_t)y * fb.stride);
    const uint64_t *src = line;
    /* fb.stride is a multiple of 8 (the width is a multiple of 8). */
    unsigned long n = fb.stride / 8, i = 0;
    for (; i + 2 <= n; i += 2) {
        uint64_t a = src[i], b = src[i + 1];
        p[i] = a;
        p[i + 1] = b;
    }
    if (i < n)
        p[i] = src[i];
}

void draw_char(int x, int y, unsigned scale, char c, uint32_t fg,
               const uint32_t *row_bg)
{
    const uint8_t *glyph = font_glyph(c);
    for (unsigned r = 0; r < 8; r++) {
        unsigned bits = glyph[r];
        for (unsigned s = 0; s < scale; s++) {
            int yy = y + (int)(r * scale + s);
            if (yy < 0 || yy >= (int)fb.height)
                continue;
            uint32_t bg = row_bg[yy];
            /* Runs of equal bits, left to right. */
            unsigned col = 0;
            while (col < 8) {
                unsigned on = (bits >> (7 - col)) & 1, run = 1;
                while (col + run < 8 && ((bits >> (7 - col - run)) & 1) == on)
                    run++;
                fb_span(x + (int)(col * scale), yy, (int)(run * scale), on ? fg : bg);
                col += run;
            }
        }
    }
}

void draw_text(int x, int y, unsigned scale, const char *s, uint32_t fg,
               const uint32_t *row_bg)
{
    for (; *s; s++, x += 8 * (int)scale)
        draw_char(x, y, scale, *s, fg, row_bg);
}
