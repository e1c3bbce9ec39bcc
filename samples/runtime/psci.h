/* PSCI calls through HVC #0 (SMC Calling Convention, 32/64-bit fast calls). */
#ifndef PSCI_H
#define PSCI_H

#include <stdint.h>

#define PSCI_VERSION        0x84000000u
#define PSCI_SYSTEM_OFF     0x84000008u
#define PSCI_SYSTEM_RESET   0x84000009u
#define PSCI_FEATURES       0x8400000Au
#define PSCI_CPU_ON_64      0xC4000003u

long psci_call(unsigned long fn, unsigned long a1, unsigned long a2,
               unsigned long a3);

/* Returns (major << 16) | minor. */
uint32_t psci_version(void);
long psci_features(uint32_t fn);
long psci_cpu_on(unsigned long mpidr, unsigned long entry, unsigned long ctx);
void psci_system_off(void) __attribute__((noreturn));
void psci_system_reset(void) __attribute__((noreturn));

#endif
