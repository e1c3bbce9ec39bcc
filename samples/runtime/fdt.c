#include "rt.h"

#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) |
           ((uint32_t)b[2] << 8) | b[3];
}

int fdt_valid(const void *dtb)
{
    return dtb != NULL && be32(dtb) == FDT_MAGIC;
}

const void *fdt_getprop(const void *dtb, const char *node, const char *prop,
                        uint32_t *len)
{
    if (!fdt_valid(dtb))
        return NULL;
    const uint8_t *base = dtb;
    uint32_t totalsize = be32(base + 4);
    const uint8_t *p = base + be32(base + 8);          /* off_dt_struct */
    const uint8_t *end = base + totalsize;
    const char *strings = (const char *)base + be32(base + 12);
    int depth = 0, in_node = 0;

    while (p + 4 <= end) {
        uint32_t tag = be32(p);
        p += 4;
        switch (tag) {
        case FDT_BEGIN_NODE: {
            const char *name = (const char *)p;
            size_t n = strlen(name);
            depth++;
            in_node = (depth == 2 && strcmp(name, node) == 0);
            p += (n + 1 + 3) & ~(size_t)3;
            break;
        }
        case FDT_END_NODE:
            if (in_node)
                return NULL;            /* node found, property not */
            depth--;
            break;
        case FDT_PROP: {
            uint32_t plen = be32(p);
            uint32_t nameoff = be32(p + 4);
            const uint8_t *val = p + 8;
            if (in_node && strcmp(strings + nameoff, prop) == 0) {
                if (len)
                    *len = plen;
                return val;
            }
            p = val + ((plen + 3) & ~3u);
            break;
        }
        case FDT_NOP:
            break;
        default:                        /* FDT_END or corrupt */
            return NULL;
        }
    }
    return NULL;
}

const char *fdt_bootargs(void)
{
    uint32_t len;
    const char *s = fdt_getprop((const void *)rt_dtb, "chosen", "bootargs", &len);
    if (s == NULL || len == 0 || s[len - 1] != 0)
        return NULL;
    return s;
}

int bootarg_get(const char *key, char *buf, size_t size)
{
    const char *s = fdt_bootargs();
    size_t klen = strlen(key);
    if (s == NULL)
        return -1;
    while (*s) {
        while (*s == ' ')
            s++;
        const char *w = s;
        while (*s && *s != ' ')
            s++;
        if ((size_t)(s - w) > klen && strncmp(w, key, klen) == 0 && w[klen] == '=') {
            const char *v = w + klen + 1;
            int n = (int)(s - v);
            if (size > 0) {
                size_t c = (size_t)n < size - 1 ? (size_t)n : size - 1;
                memcpy(buf, v, c);
                buf[c] = 0;
            }
            return n;
        }
    }
    return -1;
}

const char *bootarg_value(const char *key)
{
    static char value[256];
    return bootarg_get(key, value, sizeof(value)) < 0 ? NULL : value;
}
