/*
 * Framebuffer drawing for the demo: clipped horizontal spans and rectangles,
 * whole-line copies from a RAM buffer, and scaled 8x8 text. Pixels are
 * x8r8g8b8 (32 bpp), r5g6b5 (16 bpp) or a 3-3-2 palette index (8 bpp).
 *
 * Every framebuffer store is naturally aligned (unit-sized stores up to an
 * 8-byte boundary, then 64-bit stores), so drawing also works when the
 * framebuffer is Device memory (fb=device, fb=mmu-off), where unaligned
 * accesses fault. The framebuffer is never read.
 */
#ifndef DEMO_DRAW_H
#define DEMO_DRAW_H

#include <stdint.h>

#define FB_MAX_WIDTH 2048

struct framebuffer {
    uintptr_t base;
    unsigned width, height;     /* pixels; width is a multiple of 8 */
    unsigned bpp, bytespp;      /* 8, 16 or 32; 1, 2 or 4 */
    unsigned long stride;       /* bytes per line = width * bytespp */
};

extern struct framebuffer fb;

/* 0xRRGGBB -> pixel value in the framebuffer's format. */
uint32_t fb_pixel(uint32_t rgb);

/* Clipped to the screen; w or h <= 0 draws nothing. */
void fb_span(int x, int y, int w, uint32_t pixel);
void fb_rect(int x, int y, int w, int h, uint32_t pixel);

/* Copies a whole line (fb.stride bytes, already in the framebuffer's pixel
 * format, 8-byte aligned) to screen line y with 64-bit stores. */
void fb_put_line(int y, const void *line);

/* 8x8 glyph of c (rows top to bottom, bit 7 = leftmost pixel); lower case is
 * drawn as upper case, characters without a glyph as '?'. */
const uint8_t *font_glyph(char c);

/* Draws c at (x, y) scaled by scale, opaque: foreground fg, background
 * row_bg[y] for screen line y (so text sits on a varying background). */
void draw_char(int x, int y, unsigned scale, char c, uint32_t fg,
               const uint32_t *row_bg);
void draw_text(int x, int y, unsigned scale, const char *s, uint32_t fg,
               const uint32_t *row_bg);

#endif
