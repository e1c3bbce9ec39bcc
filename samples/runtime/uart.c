#include <stdarg.h>
#include <stdint.h>
#include "uart.h"

#define UART_DR   (*(volatile uint32_t *)(UART_BASE + 0x00))
#define UART_FR   (*(volatile uint32_t *)(UART_BASE + 0x18))
#define FR_RXFE   (1u << 4)
#define FR_TXFF   (1u << 5)

void uart_putc(char c)
{
    while (UART_FR & FR_TXFF)
        ;
    UART_DR = (uint8_t)c;
}

void uart_puts(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

int uart_getc_nonblock(void)
{
    if (UART_FR & FR_RXFE)
        return -1;
    return (int)(UART_DR & 0xff);
}

static int put_padded(const char *s, int len, int width, char pad)
{
    int n = 0;
    while (len + n < width) {
        uart_putc(pad);
        n++;
    }
    for (int i = 0; i < len; i++)
        uart_putc(s[i]);
    return n + len;
}

static int put_number(unsigned long long v, unsigned base, int negative,
                      int width, char pad)
{
    char buf[24];
    int i = sizeof(buf);
    do {
        unsigned d = (unsigned)(v % base);
        buf[--i] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v);
    int n = 0;
    if (negative) {
        if (pad == '0') {            /* sign goes before the zeros */
            uart_putc('-');
            n = 1;
            width--;
        } else {
            buf[--i] = '-';
        }
    }
    return n + put_padded(buf + i, (int)sizeof(buf) - i, width, pad);
}

int rt_printf(const char *fmt, ...)
{
    va_list ap;
    int n = 0;
    va_start(ap, fmt);
    while (*fmt) {
        char c = *fmt++;
        if (c != '%') {
            uart_putc(c);
            n++;
            continue;
        }
        char pad = ' ';
        int width = 0, lng = 0;
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') {
            lng++;
            fmt++;
        }
        c = *fmt;
        if (c == 0)
            break;
        fmt++;
        switch (c) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            int len = 0;
            if (!s)
                s = "(null)";
            while (s[len])
                len++;
            n += put_padded(s, len, width, ' ');
            break;
        }
        case 'c': {
            char ch = (char)va_arg(ap, int);
            n += put_padded(&ch, 1, width, ' ');
            break;
        }
        case 'd': {
            long long v = lng ? va_arg(ap, long long) : va_arg(ap, int);
            unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
                                         : (unsigned long long)v;
            n += put_number(u, 10, v < 0, width, pad);
            break;
        }
        case 'u':
        case 'x': {
            unsigned long long v = lng ? va_arg(ap, unsigned long long)
                                       : va_arg(ap, unsigned int);
            n += put_number(v, c == 'u' ? 10 : 16, 0, width, pad);
            break;
        }
        case 'p': {
            unsigned long long v = (uintptr_t)va_arg(ap, void *);
            uart_putc('0');
            uart_putc('x');
            n += 2 + put_number(v, 16, 0, width > 2 ? width - 2 : 0, pad);
            break;
        }
        case '%':
            uart_putc('%');
            n++;
            break;
        default:                      /* unknown: print it as is */
            uart_putc('%');
            uart_putc(c);
            n += 2;
            break;
        }
    }
    va_end(ap);
    return n;
}
