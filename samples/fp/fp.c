/*
 * Floating-point and Advanced SIMD as compiled software uses them: built at
 * -O3 without -mgeneral-regs-only, so GCC uses the FP registers, FMADD,
 * FSQRT, FCVT*, FRINT*, and auto-vectorises the loops (LDR/STR Q, LDP/STP Q,
 * FMLA, ADDV, CMEQ ...). fpstart.S enables FP and the MMU first.
 *
 * Every result is printed as a hex bit pattern or an integer checksum, so the
 * output is exact and can be compared byte for byte with QEMU's.
 */
#include "rt.h"
#include "fpkernels.h"

static uint64_t fnv;

static void mix(uint64_t v)
{
    fnv = (fnv ^ v) * 0x100000001b3ULL;
}

static uint64_t dbits(double d)
{
    uint64_t u;
    __builtin_memcpy(&u, &d, 8);
    return u;
}

static uint32_t fbits(float f)
{
    uint32_t u;
    __builtin_memcpy(&u, &f, 4);
    return u;
}

static inline uint64_t read_fpsr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v) : : "memory");
    return v;
}

static inline void write_fpsr(uint64_t v)
{
    __asm__ volatile("msr fpsr, %0" : : "r"(v) : "memory");
}

static inline uint64_t read_fpcr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpcr" : "=r"(v) : : "memory");
    return v;
}

static inline void write_fpcr(uint64_t v)
{
    __asm__ volatile("msr fpcr, %0" : : "r"(v) : "memory");
}

static void section(const char *name)
{
    rt_printf("%s: %016llx fpsr=%08llx\n", name, (unsigned long long)fnv,
              (unsigned long long)read_fpsr());
    fnv = 0xcbf29ce484222325ULL;
    write_fpsr(0);
}

/* ---- double kernels ---------------------------------------------------- */

static void test_nbody(void)
{
    double e0 = nbody_energy();
    rt_printf("nbody energy before: %016llx\n", (unsigned long long)dbits(e0));
    for (int i = 0; i < 1000; i++)
        nbody_advance(0.01);
    double e1 = nbody_energy();
    rt_printf("nbody energy after:  %016llx\n", (unsigned long long)dbits(e1));
    mix(dbits(e0));
    mix(dbits(e1));
    section("nbody");
}

static void test_lu(void)
{
    double det = lu_solve_test();
    rt_printf("lu det: %016llx\n", (unsigned long long)dbits(det));
    for (int i = 0; i < LU_N; i++)
        mix(dbits(lu_x[i]));
    mix(dbits(det));
    section("lu");
}

static volatile double vd[8] = { 2.0, 3.0, 1e-310, -7.25, 1e308, 0.1, -0.0, 12345.678 };
static volatile float vf[4] = { 2.0f, 3.0f, 1e-40f, -7.25f };

static void test_sqrt_div_fma(void)
{
    double acc = 0;
    for (int i = 1; i <= 500; i++) {
        double x = (double)i * 1.37;
        double s = __builtin_sqrt(x);
        double r = 1.0 / (x + 0.5);
        double f = __builtin_fma(s, r, -acc * 0.001);
        acc += f;
        mix(dbits(s));
        mix(dbits(r));
        mix(dbits(f));
        float xf = (float)i * 0.731f;
        mix(fbits(__builtin_sqrtf(xf)));
        mix(fbits(__builtin_fmaf(xf, 1.0f / xf, -1.0f)));
        mix(fbits(xf / 3.0f));
    }
    rt_printf("sqrt/div/fma acc: %016llx\n", (unsigned long long)dbits(acc));
    /* Special operands: subnormal, overflow, invalid. */
    for (int i = 0; i < 8; i++) {
        double a = vd[i], b = vd[(i + 3) & 7];
        mix(dbits(__builtin_sqrt(a)));
        mix(dbits(a / b));
        mix(dbits(a * b));
        mix(dbits(__builtin_fma(a, b, a)));
        mix(dbits(a - b));
        mix(dbits(__builtin_fmax(a, b)));
        mix(dbits(__builtin_fmin(a, b)));
    }
    for (int i = 0; i < 4; i++) {
        float a = vf[i], b = vf[(i + 1) & 3];
        mix(fbits(a * b));
        mix(fbits(a / b));
        mix(fbits(__builtin_sqrtf(a)));
    }
    section("sqrt/div/fma");
}

/* ---- conversions and rounding modes ------------------------------------ */

static volatile double conv_in[] = {
    0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994, 4503599627370497.0,
    -0.0, 1e-320, 9.2233720368547758e18, -9.2233720368547758e18, 1.8446744073709552e19,
    3.4028235677973366e38, 1.0e39, 6.0e-8, 65504.0, 65520.0, 123456.789, -987654.321,
    __builtin_inf(), -__builtin_inf(), __builtin_nan(""), 2147483647.5, -2147483648.5,
};
#define NCONV (int)(sizeof(conv_in) / sizeof(conv_in[0]))

static volatile int64_t int_in[] = {
    0, 1, -1, 9007199254740993LL, -9007199254740995LL, 0x7fffffffffffffffLL,
    (int64_t)0x8000000000000000ULL, 16777217, -16777219, 123456789012345LL,
};
#define NINT (int)(sizeof(int_in) / sizeof(int_in[0]))

static volatile uint64_t conv_out;

static void conversions_once(void)
{
    for (int i = 0; i < NCONV; i++) {
        double d = conv_in[i];
        mix((uint64_t)(int64_t)d);               /* FCVTZS */
        mix((uint64_t)d);                        /* FCVTZU */
        mix((uint64_t)(int32_t)d);               /* FCVTZS w */
        mix((uint64_t)(uint32_t)d);              /* FCVTZU w */
        mix((uint64_t)__builtin_lround(d));      /* FCVTAS */
        mix((uint64_t)__builtin_llrint(d));      /* FRINTX + FCVTZS, or FCVTZS after rounding */
        mix(dbits(__builtin_floor(d)));          /* FRINTM */
        mix(dbits(__builtin_ceil(d)));           /* FRINTP */
        mix(dbits(__builtin_trunc(d)));          /* FRINTZ */
        mix(dbits(__builtin_round(d)));          /* FRINTA */
        mix(dbits(__builtin_rint(d)));           /* FRINTX */
        mix(dbits(__builtin_nearbyint(d)));      /* FRINTI */
        float f = (float)d;                      /* FCVT s, d */
        mix(fbits(f));
        mix(dbits((double)f));                   /* FCVT d, s */
        __fp16 h = (__fp16)d;                    /* FCVT h, d */
        uint16_t hb;
        __builtin_memcpy(&hb, &h, 2);
        mix(hb);
        mix(fbits((float)h));                    /* FCVT s, h */
        mix(dbits(d / 3.0));
        mix(dbits(__builtin_sqrt(__builtin_fabs(d) + 2.0)));
        mix(dbits(d * 1.1 + 0.7));
    }
    for (int i = 0; i < NINT; i++) {
        int64_t v = int_in[i];
        mix(dbits((double)v));                   /* SCVTF */
        mix(dbits((double)(uint64_t)v));         /* UCVTF */
        mix(fbits((float)v));
        mix(fbits((float)(uint64_t)v));
        mix(dbits((double)(int32_t)v));
        mix(fbits((float)(uint32_t)v));
    }
}

static void test_conversions(void)
{
    uint64_t fpcr = read_fpcr();
    rt_printf("fpcr at start: %08llx\n", (unsigned long long)fpcr);
    static const char *const names[4] = { "RN", "RP", "RM", "RZ" };
    for (unsigned mode = 0; mode < 4; mode++) {
        write_fpcr((fpcr & ~(3ULL << 22)) | ((uint64_t)mode << 22));
        conversions_once();
        write_fpcr(fpcr);
        rt_printf("conversions %s: %016llx fpsr=%08llx\n", names[mode],
                  (unsigned long long)fnv, (unsigned long long)read_fpsr());
    }
    /* NaN handling: payload propagation, signalling NaN quieted, then FPCR.DN. */
    volatile double snan, qnan;
    uint64_t sb = 0x7ff0000000000123ULL, qb = 0xfff8000000000456ULL;
    __builtin_memcpy((void *)&snan, &sb, 8);
    __builtin_memcpy((void *)&qnan, &qb, 8);
    double one = vd[0];
    mix(dbits(snan + one));
    mix(dbits(one * qnan));
    mix(dbits(qnan + snan));
    mix(dbits(__builtin_fma(one, qnan, snan)));
    mix(fbits((float)snan));
    write_fpcr(fpcr | (1ULL << 25));             /* DN */
    mix(dbits(snan + one));
    mix(dbits(one * qnan));
    write_fpcr(fpcr | (1ULL << 24));             /* FZ */
    mix(dbits(vd[2] * one));
    mix(dbits(vd[2] + vd[2]));
    mix(fbits(vf[2] * 3.0f));
    write_fpcr(fpcr);
    section("conversions");
}

/* ---- vectorised loops --------------------------------------------------- */

static void test_vectors(void)
{
    vec_init();
    for (int r = 0; r < 4; r++) {
        saxpy(VN, 0.75f + (float)r, vx, vy);
        mix(fbits(vy[r * 37]));
    }
    for (int i = 0; i < VN; i++)
        mix(fbits(vy[i]));
    rt_printf("saxpy y[5]=%08x y[1000]=%08x\n", fbits(vy[5]), fbits(vy[1000]));
    mix(sum_i32(VN, vi));
    mix((uint64_t)dot_i16(VN, vs, vs2));
    mix((uint32_t)max_i32(VN, vi));
    mix(count_byte(VB, vb, 0x41));
    mix(xor_u32(VN, vi));
    daxpy(VN / 2, 1.5, vdx, vdy);
    for (int i = 0; i < VN / 2; i++)
        mix(dbits(vdy[i]));
    float_misc(VN, vx, vy, vz);
    for (int i = 0; i < VN; i++)
        mix(fbits(vz[i]));
    int_to_float(VN, vi, vz);
    for (int i = 0; i < VN; i++)
        mix(fbits(vz[i]));
    float_to_int(VN, vy, vi2);
    for (int i = 0; i < VN; i++)
        mix((uint32_t)vi2[i]);
    uint32_t hist[256];
    histogram(VB, vb, hist);
    for (int i = 0; i < 256; i++)
        mix(hist[i] * (uint64_t)(i + 1));
    bytes_minmax_avg(VB, vb, vb2);
    for (int i = 0; i < VB; i++)
        mix(vb2[i]);
    section("vectors");
}

static double wide[VN];

static void test_interleaved(void)
{
    vec_init();
    rgb_to_gray(VB / 3, vb, vb2);
    for (int i = 0; i < VB / 3; i++)
        mix(vb2[i]);
    complex_mul(VN / 2, vx, vy, vz);
    for (int i = 0; i < VN; i++)
        mix(fbits(vz[i]));
    widen_narrow(VN, vz, wide, vy);
    for (int i = 0; i < VN; i++) {
        mix(dbits(wide[i]));
        mix(fbits(vy[i]));
    }
    mix(sad_u8(VB - 5, vb, vb + 5));
    section("interleaved");
}

static uint8_t planes[4][VB / 4];
static uint16_t u16a[VN], u16b[VN];
static int64_t i64z[VN / 2];

static void mix_bytes(int n, const uint8_t *p)
{
    for (int i = 0; i < n; i++)
        mix(p[i]);
}

static void test_idioms(void)
{
    vec_init();
    mix(popcount_sum(VN, (const uint32_t *)vi));
    bswap_all(VN, (const uint32_t *)vi, (uint32_t *)vi2);
    mix(xor_u32(VN, vi2));
    rgba_planes(VB / 4, vb, planes[0], planes[1], planes[2], planes[3]);
    for (int k = 0; k < 4; k++)
        mix_bytes(VB / 4, planes[k]);
    planes_rgb(VB / 4, planes[3], planes[1], planes[0], vb2);
    mix_bytes(3 * (VB / 4), vb2);
    clamp_u8(VN, vs, vb2);
    mix_bytes(VN, vb2);
    for (int i = 0; i < VN; i++) {
        u16a[i] = (uint16_t)vs[i];
        u16b[i] = (uint16_t)vs2[i];
    }
    high_bytes(VN, u16a, vb2);
    mix_bytes(VN, vb2);
    reverse_i32(VN, vi, vi2);
    mix(xor_u32(VN, vi2));
    abs_mul(VN, vi, vi2, vi2);
    mix(xor_u32(VN, vi2));
    dsqrt_div(VN / 2, vdx, vdy, vdy);
    for (int i = 0; i < VN / 2; i++)
        mix(dbits(vdy[i]));
    i64_ops(VN / 2, (const int64_t *)vi, (const int64_t *)vs, i64z);
    for (int i = 0; i < VN / 2; i++)
        mix((uint64_t)i64z[i]);
    i16_to_float(VN, vs2, vz);
    for (int i = 0; i < VN; i++)
        mix(fbits(vz[i]));
    mix(sum_u8(VB, vb));
    minmax_u16(VN, u16a, u16b, u16a, u16b);
    for (int i = 0; i < VN; i++)
        mix((uint32_t)u16a[i] << 16 | u16b[i]);
    mix(fbits(fast_sum(VN, vz)));
    mix(fbits(fast_max(VN, vx)));
    mix(fbits(fast_min(VN, vx)));
    mix(dbits(fast_dot(VN / 2, vdx, vdy)));
    rt_printf("fast_sum=%08x fast_max=%08x fast_dot=%016llx\n", fbits(fast_sum(VN, vz)),
              fbits(fast_max(VN, vx)), (unsigned long long)dbits(fast_dot(VN / 2, vdx, vdy)));
    section("idioms");
}

static uint32_t u32z[VN];

static void mix_floats(int n, const float *p)
{
    for (int i = 0; i < n; i++)
        mix(fbits(p[i]));
}

static void mix_ints(int n, const int32_t *p)
{
    for (int i = 0; i < n; i++)
        mix((uint32_t)p[i]);
}

static void test_fp_vectors(void)
{
    vec_init();
    for (int i = 0; i < VN; i++)
        vy[i] = vx[(i * 7) & (VN - 1)] * 0.5f + (float)(i & 3) - 1.5f;
    vy[3] = vx[3] * 0.5f;                            /* some x == 2y */
    round_all(VN, vx, vz);
    mix_floats(VN, vz);
    fabd_copysign(VN, vx, vy, vz);
    mix_floats(VN, vz);
    fixed_point(VN, vx, vi2, vz);
    mix_ints(VN, vi2);
    mix_floats(VN, vz);
    mix(fixed_point_scalar(VN / 2, vdx));
    fcompare(VN, vx, vy, vi2);
    mix_ints(VN, vi2);
    lround_all(VN, vx, vi2, u32z, vz);
    mix_ints(VN, vi2);
    mix_ints(VN, (const int32_t *)u32z);
    mix_floats(VN, vz);
    dround_all(VN / 2, vdx, vdy);
    for (int i = 0; i < VN / 2; i++)
        mix(dbits(vdy[i]));
    section("fp vectors");
}

/* ---- libc-like string functions ---------------------------------------- */

static void test_strings(void)
{
    vec_init();
    for (int len = 0; len < 200; len += 7) {
        for (int so = 0; so < 16; so += 3) {
            for (int d = 0; d < 16; d += 5) {
                fp_memset(sbuf_dst, 0xEE, sizeof(sbuf_dst));
                fp_memcpy(sbuf_dst + d, vb + so, (size_t)len);
                sbuf_dst[d + len] = 0;
                mix(fp_strlen((const char *)sbuf_dst + d));
                const void *p = fp_memchr(sbuf_dst + d, 0x41, (size_t)len);
                mix(p ? (uint64_t)((const uint8_t *)p - sbuf_dst) : 0xffff);
                mix(sum_bytes(sizeof(sbuf_dst), sbuf_dst));
            }
        }
    }
    /* strlen from every start alignment over a 300-byte string. */
    for (int i = 0; i < 300; i++)
        sbuf_dst[i] = (uint8_t)('a' + i % 26);
    sbuf_dst[300] = 0;
    for (int s = 0; s < 40; s++)
        mix(fp_strlen((const char *)sbuf_dst + s));
    rt_printf("strlen: %u\n", (unsigned)fp_strlen((const char *)sbuf_dst + 3));
    section("strings");
}

static void test_structs(void)
{
    struct_init();
    for (int r = 0; r < 3; r++)
        struct_shuffle(r);
    for (int i = 0; i < NREC; i++) {
        mix(dbits(rec_b[i].a));
        mix(dbits(rec_b[i].b));
        for (int k = 0; k < 4; k++)
            mix(fbits(rec_b[i].v[k]));
        mix(rec_b[i].k);
        mix(rec_b[i].m);
    }
    section("structs");
}

int main(void)
{
    fnv = 0xcbf29ce484222325ULL;
    write_fpsr(0);
    uart_puts("fp: start\n");
    test_nbody();
    test_lu();
    test_sqrt_div_fma();
    test_conversions();
    test_vectors();
    test_interleaved();
    test_idioms();
    test_fp_vectors();
    test_strings();
    test_structs();
    uart_puts("fp: done\n");
    return 0;
}
