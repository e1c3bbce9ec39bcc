/* String helpers (gcc may also emit calls to memcpy/memset itself). */
#ifndef RTSTRING_H
#define RTSTRING_H

#include <stddef.h>

void  *memcpy(void *dst, const void *src, size_t n);
void  *memset(void *dst, int c, size_t n);
size_t strlen(const char *s);
int    strcmp(const char *a, const char *b);
int    strncmp(const char *a, const char *b, size_t n);

#endif
