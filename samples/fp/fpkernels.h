/* Numeric and vector kernels of the fp sample (fpkernels.c), compiled apart
 * from fp.c so that GCC sees data it cannot fold at compile time. */
#ifndef FPKERNELS_H
#define FPKERNELS_H

#include <stdint.h>
#include <stddef.h>

/* N-body (5 bodies: the Sun and the outer planets), double precision. */
double nbody_energy(void);
void nbody_advance(double dt);

/* LU decomposition with partial pivoting of an LU_N x LU_N matrix; solves
 * A x = b (x in lu_x) and returns the determinant. */
#define LU_N 12
extern double lu_x[LU_N];
double lu_solve_test(void);

/* Vector loops (GCC auto-vectorises them at -O3). */
#define VN 1024
#define VB 4096
extern float vx[VN], vy[VN], vz[VN];
extern int32_t vi[VN], vi2[VN];
extern int16_t vs[VN], vs2[VN];
extern double vdx[VN / 2], vdy[VN / 2];
extern uint8_t vb[VB], vb2[VB];
void vec_init(void);
void saxpy(int n, float a, const float *x, float *y);
void daxpy(int n, double a, const double *x, double *y);
uint32_t sum_i32(int n, const int32_t *a);
int64_t dot_i16(int n, const int16_t *a, const int16_t *b);
int32_t max_i32(int n, const int32_t *a);
uint32_t count_byte(int n, const uint8_t *a, uint8_t c);
uint32_t xor_u32(int n, const int32_t *a);
void float_misc(int n, const float *x, const float *y, float *z);
void int_to_float(int n, const int32_t *a, float *z);
void float_to_int(int n, const float *x, int32_t *z);
void histogram(int n, const uint8_t *a, uint32_t *hist);
void bytes_minmax_avg(int n, const uint8_t *a, uint8_t *z);
uint64_t sum_bytes(size_t n, const uint8_t *a);
void rgb_to_gray(int n, const uint8_t *rgb, uint8_t *gray);
void complex_mul(int n, const float *a, const float *b, float *z);
void widen_narrow(int n, const float *x, double *d, float *z);
uint32_t sad_u8(int n, const uint8_t *a, const uint8_t *b);
uint32_t popcount_sum(int n, const uint32_t *a);
void bswap_all(int n, const uint32_t *a, uint32_t *z);
void rgba_planes(int n, const uint8_t *rgba, uint8_t *r, uint8_t *g, uint8_t *b, uint8_t *a);
void planes_rgb(int n, const uint8_t *r, const uint8_t *g, const uint8_t *b, uint8_t *rgb);
void clamp_u8(int n, const int16_t *a, uint8_t *z);
void high_bytes(int n, const uint16_t *a, uint8_t *z);
void reverse_i32(int n, const int32_t *a, int32_t *z);
void abs_mul(int n, const int32_t *a, const int32_t *b, int32_t *z);
void dsqrt_div(int n, const double *x, const double *y, double *z);
void i64_ops(int n, const int64_t *a, const int64_t *b, int64_t *z);
void i16_to_float(int n, const int16_t *a, float *z);
uint32_t sum_u8(int n, const uint8_t *a);
void minmax_u16(int n, const uint16_t *a, const uint16_t *b, uint16_t *lo, uint16_t *hi);
float fast_sum(int n, const float *a);
float fast_max(int n, const float *a);
float fast_min(int n, const float *a);
double fast_dot(int n, const double *a, const double *b);
void round_all(int n, const float *x, float *z);
void fabd_copysign(int n, const float *x, const float *y, float *z);
void fixed_point(int n, const float *x, int32_t *q, float *z);
uint64_t fixed_point_scalar(int n, const double *x);
void fcompare(int n, const float *x, const float *y, int32_t *z);
void lround_all(int n, const float *x, int32_t *a, uint32_t *u, float *z);
void dround_all(int n, const double *x, double *z);

/* libc-like string functions written so that GCC vectorises them. */
extern uint8_t sbuf_dst[512];
void *fp_memcpy(void *dst, const void *src, size_t n);
void *fp_memset(void *dst, int c, size_t n);
size_t fp_strlen(const char *s);
const void *fp_memchr(const void *s, int c, size_t n);

/* Struct copies (LDP/STP Q). */
struct record {
    double a, b;
    float v[4];
    uint64_t k, m;
};
#define NREC 64
extern struct record rec_a[NREC], rec_b[NREC];
void struct_init(void);
void struct_shuffle(int round);

#endif
