/* Reads lines from the UART and echoes each back as "got: <line>", until a line "quit". */
#include "rt.h"

int main(void)
{
    char line[128];
    int n = 0;
    uart_puts("echo: type lines, 'quit' ends\n");
    for (;;) {
        int c = uart_getc_nonblock();
        if (c < 0)
            continue;
        if (c == '\r')
            continue;
        if (c != '\n' && n < (int)sizeof line - 1) {
            line[n++] = (char)c;
            continue;
        }
        line[n] = 0;
        if (strcmp(line, "quit") == 0)
            break;
        rt_printf("got: %s\n", line);
        n = 0;
    }
    uart_puts("bye\n");
    return 0;
}
