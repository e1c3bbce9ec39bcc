/* Arm semihosting (A64: HLT #0xF000, w0 = operation, x1 = parameter block).
 * When semihosting is not enabled every call returns -1 (see start.S). */
#ifndef SEMIHOSTING_H
#define SEMIHOSTING_H

#include <stddef.h>

#define SYS_WRITEC          0x03
#define SYS_WRITE0          0x04
#define SYS_WRITE           0x05
#define SYS_EXIT            0x18
#define SYS_EXIT_EXTENDED   0x20

#define ADP_Stopped_ApplicationExit     0x20026
#define ADP_Stopped_RunTimeErrorUnknown 0x20023

long sh_call(unsigned long op, void *arg);      /* in start.S */

long sh_writec(char c);
long sh_write0(const char *s);
/* handle: as returned by SYS_OPEN (e.g. of ":tt"). Returns bytes NOT written. */
long sh_write(long handle, const void *buf, size_t len);
/* SYS_EXIT: reason ApplicationExit for status 0, RunTimeErrorUnknown otherwise. */
long sh_exit(int status);
/* SYS_EXIT_EXTENDED: {ApplicationExit, status}. Only returns on failure. */
long sh_exit_extended(int status);

#endif
