/* PL011 UART at 0x09000000 (QEMU virt). */
#ifndef UART_H
#define UART_H

#define UART_BASE 0x09000000UL

void uart_putc(char c);
void uart_puts(const char *s);          /* bytes exactly as given, no CR added */
int  uart_getc_nonblock(void);          /* -1 if the receive FIFO is empty */

/* printf subset: %s %c %d %u %x %lx %llx %p %% (l/ll modifiers on d, u, x),
 * with an optional width and '0' flag. Returns the number of bytes written. */
int rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
