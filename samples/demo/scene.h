/*
 * The demo's scene: coloured background bands, the title "COHERENCY DEMO",
 * an info line, a large frame counter, a bouncing striped ball, moving
 * colour bars and a scrolling ticker. Every moving part is a function of the
 * frame number, so any frame can be repainted from scratch; the per-frame
 * update only touches what changed (the ball's old and new boxes, the bar
 * edges that moved, the counter digits that changed, the ticker strip).
 */
#ifndef DEMO_SCENE_H
#define DEMO_SCENE_H

#define FB_MAX_HEIGHT 2048

/* Lays the scene out for fb (set up by the caller); info is shown under the
 * title. Needs fb.width >= 160 and fb.height >= 160 to look right; smaller
 * screens are drawn clipped. */
void scene_init(const char *info);

/* Repaints everything for frame n (after a mode set cleared VRAM). */
void scene_draw_full(unsigned long n);

/* Updates the screen from the last frame drawn to frame n. */
void scene_draw_frame(unsigned long n);

#endif
