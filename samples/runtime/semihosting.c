#include "semihosting.h"

long sh_writec(char c)
{
    return sh_call(SYS_WRITEC, &c);
}

long sh_write0(const char *s)
{
    return sh_call(SYS_WRITE0, (void *)s);
}

long sh_write(long handle, const void *buf, size_t len)
{
    unsigned long block[3] = { (unsigned long)handle, (unsigned long)buf, len };
    return sh_call(SYS_WRITE, block);
}

long sh_exit(int status)
{
    unsigned long block[2] = {
        status == 0 ? ADP_Stopped_ApplicationExit
                    : ADP_Stopped_RunTimeErrorUnknown,
        (unsigned long)(long)status,
    };
    return sh_call(SYS_EXIT, block);
}

long sh_exit_extended(int status)
{
    unsigned long block[2] = {
        ADP_Stopped_ApplicationExit, (unsigned long)(long)status,
    };
    return sh_call(SYS_EXIT_EXTENDED, block);
}
