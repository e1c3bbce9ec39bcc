/* A small bytecode interpreter running a loop-heavy program (a guest inside the guest). */
#include "rt.h"
#include "benchmmu.h"

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, LT, JNZ, JMP, AND, XOR, SHR, HALT };

/* for (i = 0; i < N; i++) { s = (s * 33) ^ (i >> 1); s = s & 0xffffff; }  */
static const int32_t program[] = {
    PUSH, 0, STORE, 0,            /* i = 0 */
    PUSH, 5381, STORE, 1,         /* s = 5381 */
    /* 8: loop */
    LOAD, 1, PUSH, 33, MUL, LOAD, 0, PUSH, 1, SHR, XOR, PUSH, 0xffffff, AND, STORE, 1,
    LOAD, 0, PUSH, 1, ADD, STORE, 0,
    LOAD, 0, PUSH, 600000, LT, JNZ, 8,
    HALT,
};

static int32_t run(void)
{
    int32_t stack[64], vars[4] = { 0 };
    int sp = 0, pc = 0;
    for (;;) {
        int32_t op = program[pc++];
        switch (op) {
        case PUSH:  stack[sp++] = program[pc++]; break;
        case LOAD:  stack[sp++] = vars[program[pc++]]; break;
        case STORE: vars[program[pc++]] = stack[--sp]; break;
        case ADD:   sp--; stack[sp - 1] += stack[sp]; break;
        case SUB:   sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL:   sp--; stack[sp - 1] *= stack[sp]; break;
        case LT:    sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case AND:   sp--; stack[sp - 1] &= stack[sp]; break;
        case XOR:   sp--; stack[sp - 1] ^= stack[sp]; break;
        case SHR:   sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] >> stack[sp]); break;
        case JNZ:   { int32_t t = program[pc++]; if (stack[--sp]) pc = t; break; }
        case JMP:   pc = program[pc]; break;
        default:    return vars[1];
        }
    }
}

int main(void)
{
    benchmmu_setup();
    rt_printf("interp: %x\n", (unsigned)run());
    return 0;
}
