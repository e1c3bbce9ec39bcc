#include "scene.h"
#include "draw.h"

#define BANDS        8
#define BAR_COLOURS  4
#define BAR_SPEED    3        /* pixels per frame */
#define TICKER_SPEED 2        /* pixels per frame */
#define BALL_DX      5
#define BALL_DY      3
#define COUNTER_DIGITS 7

static const uint32_t band_rgb[BANDS] = {
    0x203080, 0x006050, 0x602080, 0x604020, 0x2050A0, 0x206020, 0x802040, 0x404060,
};
static const uint32_t bar_rgb[BAR_COLOURS] = { 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF };

static const char title[] = "COHERENCY DEMO";
static const char counter_label[] = "FRAME ";
static const char ticker_text[] =
    "+++ THE GUEST WRITES THIS FRAMEBUFFER NON-CACHEABLE OR AS DEVICE MEMORY,"
    " THE HOST READS IT THROUGH ITS CACHE: STALE 64-BYTE LINES SHOW UP AS STRIPES"
    " THAT DO NOT MOVE +++ ";
#define TICKER_LEN (sizeof(ticker_text) - 1)

/* Background pixel of every screen line. */
static uint32_t row_bg[FB_MAX_HEIGHT];
static uint64_t line[FB_MAX_WIDTH * 4 / 8];   /* one line in the framebuffer's format */
static const uint8_t *ticker_glyphs[TICKER_LEN];

static struct {
    unsigned big, small;              /* text scales */
    int title_x, title_y, info_x, info_y, counter_x, counter_y;
    int ball_top, ball_range_x, ball_range_y;
    int bars_y, bars_h, bar_w;
    int ticker_y;
    unsigned long ticker_period;      /* ticker width in pixels */
    int ball_d, ball_r;               /* diameter, radius */
} L;

static struct {
    uint32_t title, info, counter, ball_edge, ball_a, ball_b, ticker_fg, ticker_bg;
    uint32_t bars[BAR_COLOURS];
} C;

/* Ball half-widths per row of its box: outer edge and inner (striped) part. */
static uint8_t ball_outer[256], ball_inner[256];

static const char *info_text;

/* State of what is on screen. */
static int ball_x, ball_y;
static unsigned long bars_phase;
static char digits[COUNTER_DIGITS + 1];

static unsigned isqrt(unsigned v)
{
    unsigned r = 0;
    while ((r + 1) * (r + 1) <= v)
        r++;
    return r;
}

static int text_width(const char *s, unsigned scale)
{
    int n = 0;
    while (s[n])
        n++;
    return n * 8 * (int)scale;
}

/* Bouncing coordinate: 0 .. range and back. */
static int triangle(unsigned long v, int range)
{
    if (range <= 0)
        return 0;
    unsigned long m = v % (2UL * (unsigned long)range);
    return m <= (unsigned long)range ? (int)m : (int)(2UL * (unsigned long)range - m);
}

void scene_init(const char *info)
{
    int w = (int)fb.width, h = (int)fb.height;
    info_text = info;
    L.big = fb.width >= 512 ? 4 : 2;
    L.small = L.big / 2;

    L.title_y = 8;
    L.title_x = (w - text_width(title, L.big)) / 2;
    L.info_y = L.title_y + 8 * (int)L.big + 4;
    L.info_x = (w - text_width(info, L.small)) / 2;
    L.counter_y = L.info_y + 8 * (int)L.small + 8;
    L.counter_x = (w - (int)(sizeof(counter_label) - 1 + COUNTER_DIGITS) * 8 * (int)L.big) / 2;

    L.ticker_y = h - 8 * (int)L.small - 8;
    L.bars_h = 8 * (int)L.big;
    L.bars_y = L.ticker_y - 8 - L.bars_h;
    L.bar_w = 8 * (int)L.big;
    L.ticker_period = TICKER_LEN * 8 * L.small;

    L.ball_r = 6 * (int)L.big;
    L.ball_d = 2 * L.ball_r;
    L.ball_top = L.counter_y + 8 * (int)L.big + 8;
    L.ball_range_x = w - L.ball_d;
    L.ball_range_y = L.bars_y - 4 - L.ball_d - L.ball_top;

    for (int i = 0; i < L.ball_d; i++) {
        int dy = 2 * i + 1 - L.ball_d;               /* in half pixels */
        int inner_d = L.ball_d - (int)L.big;          /* edge ring of big/2 pixels */
        ball_outer[i] = (uint8_t)(isqrt((unsigned)(L.ball_d * L.ball_d - dy * dy)) / 2);
        ball_inner[i] = dy * dy < inner_d * inner_d
                      ? (uint8_t)(isqrt((unsigned)(inner_d * inner_d - dy * dy)) / 2) : 0;
    }

    for (int y = 0; y < h && y < FB_MAX_HEIGHT; y++)
        row_bg[y] = fb_pixel(band_rgb[(unsigned long)y * BANDS / (unsigned long)h]);
    C.ticker_bg = fb_pixel(0x000000);
    for (int y = L.ticker_y - 2; y < L.ticker_y + 8 * (int)L.small + 2; y++)
        if (y >= 0 && y < h && y < FB_MAX_HEIGHT)
            row_bg[y] = C.ticker_bg;

    C.title = fb_pixel(0xFFFFFF);
    C.info = fb_pixel(0xC0C0C0);
    C.counter = fb_pixel(0xFFE040);
    C.ball_edge = fb_pixel(0x101010);
    C.ball_a = fb_pixel(0xFF4020);
    C.ball_b = fb_pixel(0xFFF040);
    C.ticker_fg = fb_pixel(0x40FF40);
    for (int i = 0; i < BAR_COLOURS; i++)
        C.bars[i] = fb_pixel(bar_rgb[i]);

    for (unsigned i = 0; i < TICKER_LEN; i++)
        ticker_glyphs[i] = font_glyph(ticker_text[i]);
}

/* ---- frame counter ---- */

static void format_digits(unsigned long n, char *out)
{
    for (int i = COUNTER_DIGITS - 1; i >= 0; i--) {
        out[i] = (char)('0' + n % 10);
        n /= 10;
    }
    out[COUNTER_DIGITS] = 0;
}

static void draw_counter(unsigned long n, int full)
{
    char now[COUNTER_DIGITS + 1];
    format_digits(n, now);
    int x = L.counter_x + (int)(sizeof(counter_label) - 1) * 8 * (int)L.big;
    if (full)
        draw_text(L.counter_x, L.counter_y, L.big, counter_label, C.counter, row_bg);
    for (int i = 0; i < COUNTER_DIGITS; i++) {
        if (full || now[i] != digits[i])
            draw_char(x + i * 8 * (int)L.big, L.counter_y, L.big, now[i], C.counter, row_bg);
        digits[i] = now[i];
    }
}

/* ---- ball ---- */

static void ball_position(unsigned long n, int *x, int *y)
{
    *x = triangle(BALL_DX * n + 37, L.ball_range_x);
    *y = L.ball_top + triangle(BALL_DY * n + 11, L.ball_range_y);
}

/* The ball's whole box, opaque (background around the disc). */
static void draw_ball(int bx, int by)
{
    int cx = bx + L.ball_r, stripe = L.ball_d / 6 > 0 ? L.ball_d / 6 : 1;
    for (int i = 0; i < L.ball_d; i++) {
        int y = by + i;
        if (y < 0 || y >= (int)fb.height)
            continue;
        int ho = ball_outer[i], hi = ball_inner[i];
        uint32_t bg = row_bg[y];
        uint32_t fill = (i / stripe) & 1 ? C.ball_b : C.ball_a;
        fb_span(bx, y, cx - ho - bx, bg);
        fb_span(cx - ho, y, ho - hi, C.ball_edge);
        fb_span(cx - hi, y, 2 * hi, fill);
        fb_span(cx + hi, y, ho - hi, C.ball_edge);
        fb_span(cx + ho, y, bx + L.ball_d - (cx + ho), bg);
    }
}

/* Restores the background where the old box (ox, oy) is not covered by the
 * new one (nx, ny). */
static void erase_ball(int ox, int oy, int nx, int ny)
{
    int d = L.ball_d;
    for (int y = oy; y < oy + d; y++) {
        if (y < 0 || y >= (int)fb.height)
            continue;
        uint32_t bg = row_bg[y];
        if (y < ny || y >= ny + d || ox + d <= nx || nx + d <= ox) {
            fb_span(ox, y, d, bg);
        } else if (ox < nx) {
            fb_span(ox, y, nx - ox, bg);
        } else if (ox > nx) {
            fb_span(nx + d, y, ox - nx, bg);
        }
    }
}

static void update_ball(unsigned long n, int full)
{
    int x, y;
    ball_position(n, &x, &y);
    draw_ball(x, y);
    if (!full)
        erase_ball(ball_x, ball_y, x, y);
    ball_x = x;
    ball_y = y;
}

/* ---- colour bars: segments of bar_w pixels, colours cycling every 4 ---- */

static uint32_t bar_colour(int x, unsigned long phase)
{
    unsigned long period = BAR_COLOURS * (unsigned long)L.bar_w;
    unsigned long d = (unsigned long)(x + 2 * (int)period) - phase % period;
    return C.bars[(d / (unsigned long)L.bar_w) % BAR_COLOURS];
}

static void update_bars(unsigned long n, int full)
{
    unsigned long phase = BAR_SPEED * n;
    unsigned long step = phase - bars_phase;
    int w = L.bar_w;
    if (full || step >= (unsigned long)w) {
        for (int x = (int)(phase % (unsigned long)w) - w; x < (int)fb.width; x += w)
            fb_rect(x, L.bars_y, w, L.bars_h, bar_colour(x, phase));
    } else if (step != 0) {
        /* Only the strips between each old edge and the new one change. */
        for (int x = (int)(bars_phase % (unsigned long)w) - w; x < (int)fb.width; x += w)
            fb_rect(x, L.bars_y, (int)step, L.bars_h, bar_colour(x, phase));
    }
    bars_phase = phase;
}

/* ---- ticker: built line by line in RAM, then copied to the screen ---- */

static inline __attribute__((always_inline))
void put_pixel(uint8_t *p, uint32_t pixel, unsigned size)
{
    if (size == 4)
        *(uint32_t *)p = pixel;
    else if (size == 2)
        *(uint16_t *)p = (uint16_t)pixel;
    else
        *p = (uint8_t)pixel;
}

/* Glyph row r of the ticker text from glyph column (ci, bit) on, whose first
 * `first` pixels are on screen, into line (pixels of `size` bytes). */
static inline __attribute__((always_inline))
void build_ticker_row(unsigned r, unsigned ci, unsigned bit, unsigned first, unsigned size)
{
    uint8_t *out = (uint8_t *)line, *end = out + fb.stride;
    unsigned scale = L.small;
    uint32_t fg = C.ticker_fg, bg = C.ticker_bg;
    unsigned bits = (unsigned)ticker_glyphs[ci][r] << bit;
    for (unsigned run = first; out < end; run = scale) {
        uint32_t pixel = bits & 0x80 ? fg : bg;
        if (run == 2 && out + 2 * size <= end) {
            put_pixel(out, pixel, size);
            put_pixel(out + size, pixel, size);
            out += 2 * size;
        } else {
            for (; run > 0 && out < end; run--, out += size)
                put_pixel(out, pixel, size);
        }
        bits <<= 1;
        if (++bit == 8) {
            bit = 0;
            if (++ci == TICKER_LEN)
                ci = 0;
            bits = ticker_glyphs[ci][r];
        }
    }
}

static void draw_ticker(unsigned long n)
{
    unsigned scale = L.small, cw = 8 * scale;
    unsigned long offset = (TICKER_SPEED * n) % L.ticker_period;
    unsigned ci = (unsigned)(offset / cw);
    unsigned bit = (unsigned)(offset % cw) / scale;
    unsigned first = scale - (unsigned)(offset % scale);  /* on-screen pixels of the first column */
    for (unsigned r = 0; r < 8; r++) {
        switch (fb.bytespp) {
        case 4:
            build_ticker_row(r, ci, bit, first, 4);
            break;
        case 2:
            build_ticker_row(r, ci, bit, first, 2);
            break;
        default:
            build_ticker_row(r, ci, bit, first, 1);
            break;
        }
        for (unsigned s = 0; s < scale; s++)
            fb_put_line(L.ticker_y + (int)(r * scale + s), line);
    }
}

void scene_draw_full(unsigned long n)
{
    for (int y = 0; y < (int)fb.height; y++)
        fb_span(0, y, (int)fb.width, row_bg[y]);
    draw_text(L.title_x, L.title_y, L.big, title, C.title, row_bg);
    draw_text(L.info_x, L.info_y, L.small, info_text, C.info, row_bg);
    draw_counter(n, 1);
    update_bars(n, 1);
    update_ball(n, 1);
    draw_ticker(n);
}

void scene_draw_frame(unsigned long n)
{
    draw_counter(n, 0);
    update_bars(n, 0);
    update_ball(n, 0);
    draw_ticker(n);
}
