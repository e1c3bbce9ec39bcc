/* Minimal flattened device tree reader. */
#ifndef FDT_H
#define FDT_H

#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC 0xd00dfeedu

/* 1 if a valid FDT header (magic 0xd00dfeed) is at dtb. */
int fdt_valid(const void *dtb);

/* Value of property prop of the top-level node node (e.g. "chosen"), with its
 * length in *len (may be NULL); NULL if absent or the blob is invalid. */
const void *fdt_getprop(const void *dtb, const char *node, const char *prop,
                        uint32_t *len);

/* /chosen/bootargs of the boot device tree (rt_dtb), or NULL. */
const char *fdt_bootargs(void);

/* Finds "key=value" in the space-separated bootargs and copies value into
 * buf (always NUL-terminated, truncated to size-1). Returns the value length,
 * or -1 if the key is absent. */
int bootarg_get(const char *key, char *buf, size_t size);

/* Same, into a static buffer (256 bytes); NULL if the key is absent. */
const char *bootarg_value(const char *key);

#endif
