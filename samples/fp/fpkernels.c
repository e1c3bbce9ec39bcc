/* Kernels of the fp sample; see fpkernels.h. */
#include "fpkernels.h"

/* ---- N-body ------------------------------------------------------------- */

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NBODIES 5

struct body {
    double x, y, z, vx, vy, vz, mass;
};

static struct body bodies[NBODIES] = {
    { 0, 0, 0, 0, 0, 0, SOLAR_MASS },
    { 4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
      1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
      -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS },
    { 8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
      -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
      2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS },
    { 1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
      2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
      -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS },
    { 1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
      2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
      -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS },
};
static int nbody_ready;

static void nbody_offset_momentum(void)
{
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < NBODIES; i++) {
        px += bodies[i].vx * bodies[i].mass;
        py += bodies[i].vy * bodies[i].mass;
        pz += bodies[i].vz * bodies[i].mass;
    }
    bodies[0].vx = -px / SOLAR_MASS;
    bodies[0].vy = -py / SOLAR_MASS;
    bodies[0].vz = -pz / SOLAR_MASS;
}

double nbody_energy(void)
{
    if (!nbody_ready) {
        nbody_offset_momentum();
        nbody_ready = 1;
    }
    double e = 0;
    for (int i = 0; i < NBODIES; i++) {
        struct body *b = &bodies[i];
        e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
        for (int j = i + 1; j < NBODIES; j++) {
            struct body *c = &bodies[j];
            double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
            e -= b->mass * c->mass / __builtin_sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

void nbody_advance(double dt)
{
    for (int i = 0; i < NBODIES; i++) {
        struct body *b = &bodies[i];
        for (int j = i + 1; j < NBODIES; j++) {
            struct body *c = &bodies[j];
            double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * __builtin_sqrt(d2));
            b->vx -= dx * c->mass * mag;
            b->vy -= dy * c->mass * mag;
            b->vz -= dz * c->mass * mag;
            c->vx += dx * b->mass * mag;
            c->vy += dy * b->mass * mag;
            c->vz += dz * b->mass * mag;
        }
    }
    for (int i = 0; i < NBODIES; i++) {
        struct body *b = &bodies[i];
        b->x += dt * b->vx;
        b->y += dt * b->vy;
        b->z += dt * b->vz;
    }
}

/* ---- LU ----------------------------------------------------------------- */

double lu_x[LU_N];
static double lu_a[LU_N][LU_N];
static double lu_b[LU_N];
static int lu_p[LU_N];

double lu_solve_test(void)
{
    /* A Hilbert-like, badly conditioned matrix plus an integer pattern. */
    for (int i = 0; i < LU_N; i++) {
        for (int j = 0; j < LU_N; j++)
            lu_a[i][j] = 1.0 / (double)(i + j + 1) + (double)((i * 7 + j * 3) % 5) * 0.25;
        lu_b[i] = (double)(i + 1) * 0.5 - 1.0;
        lu_p[i] = i;
    }
    double det = 1.0;
    for (int k = 0; k < LU_N; k++) {
        int piv = k;
        double best = __builtin_fabs(lu_a[k][k]);
        for (int i = k + 1; i < LU_N; i++) {
            double v = __builtin_fabs(lu_a[i][k]);
            if (v > best) {
                best = v;
                piv = i;
            }
        }
        if (piv != k) {
            for (int j = 0; j < LU_N; j++) {
                double t = lu_a[k][j];
                lu_a[k][j] = lu_a[piv][j];
                lu_a[piv][j] = t;
            }
            int t = lu_p[k];
            lu_p[k] = lu_p[piv];
            lu_p[piv] = t;
            det = -det;
        }
        double pivot = lu_a[k][k];
        det *= pivot;
        for (int i = k + 1; i < LU_N; i++) {
            double f = lu_a[i][k] / pivot;
            lu_a[i][k] = f;
            for (int j = k + 1; j < LU_N; j++)   /* vectorised: FMLS v.2d */
                lu_a[i][j] -= f * lu_a[k][j];
        }
    }
    /* Forward and back substitution. */
    double y[LU_N];
    for (int i = 0; i < LU_N; i++) {
        double s = lu_b[lu_p[i]];
        for (int j = 0; j < i; j++)
            s -= lu_a[i][j] * y[j];
        y[i] = s;
    }
    for (int i = LU_N - 1; i >= 0; i--) {
        double s = y[i];
        for (int j = i + 1; j < LU_N; j++)
            s -= lu_a[i][j] * lu_x[j];
        lu_x[i] = s / lu_a[i][i];
    }
    return det;
}

/* ---- vector loops --------------------------------------------------------- */

float vx[VN], vy[VN], vz[VN];
int32_t vi[VN], vi2[VN];
int16_t vs[VN], vs2[VN];
double vdx[VN / 2], vdy[VN / 2];
uint8_t vb[VB], vb2[VB];

void vec_init(void)
{
    uint32_t s = 2463534242u;
    for (int i = 0; i < VN; i++) {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        vi[i] = (int32_t)s >> 3;
        vs[i] = (int16_t)(s >> 7);
        vs2[i] = (int16_t)(s * 31u);
        vx[i] = (float)(int32_t)(s & 0xffff) * 0.001f - 30.0f;
        vy[i] = (float)i * 0.5f;
    }
    for (int i = 0; i < VN / 2; i++) {
        vdx[i] = (double)vi[i] * 1e-6;
        vdy[i] = (double)i / 7.0;
    }
    for (int i = 0; i < VB; i++) {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        vb[i] = (uint8_t)(((s >> 11) % 60) + 32);   /* printable, never 0 */
    }
}

void saxpy(int n, float a, const float *x, float *y)
{
    for (int i = 0; i < n; i++)
        y[i] = a * x[i] + y[i];
}

void daxpy(int n, double a, const double *x, double *y)
{
    for (int i = 0; i < n; i++)
        y[i] = a * x[i] + y[i];
}

uint32_t sum_i32(int n, const int32_t *a)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++)
        s += (uint32_t)a[i];
    return s;
}

int64_t dot_i16(int n, const int16_t *a, const int16_t *b)
{
    int64_t s = 0;
    for (int i = 0; i < n; i++)
        s += (int32_t)a[i] * b[i];
    return s;
}

int32_t max_i32(int n, const int32_t *a)
{
    int32_t m = a[0];
    for (int i = 1; i < n; i++)
        m = a[i] > m ? a[i] : m;
    return m;
}

uint32_t count_byte(int n, const uint8_t *a, uint8_t c)
{
    uint32_t k = 0;
    for (int i = 0; i < n; i++)
        k += a[i] == c;
    return k;
}

uint32_t xor_u32(int n, const int32_t *a)
{
    uint32_t x = 0;
    for (int i = 0; i < n; i++)
        x ^= (uint32_t)a[i] >> (i & 7);
    return x;
}

void float_misc(int n, const float *x, const float *y, float *z)
{
    for (int i = 0; i < n; i++) {
        float a = __builtin_fabsf(x[i]);
        float b = __builtin_sqrtf(a) / (y[i] + 1.0f);
        float c = __builtin_fmaxf(b, x[i]) - __builtin_fminf(a, y[i]);
        z[i] = x[i] > y[i] ? c : -b;
    }
}

void int_to_float(int n, const int32_t *a, float *z)
{
    for (int i = 0; i < n; i++)
        z[i] = (float)a[i] * 0.25f;
}

void float_to_int(int n, const float *x, int32_t *z)
{
    for (int i = 0; i < n; i++)
        z[i] = (int32_t)(x[i] * 3.0f);
}

void histogram(int n, const uint8_t *a, uint32_t *hist)
{
    for (int i = 0; i < 256; i++)
        hist[i] = 0;
    for (int i = 0; i < n; i++)
        hist[a[i]]++;
}

void bytes_minmax_avg(int n, const uint8_t *a, uint8_t *z)
{
    for (int i = 0; i < n - 1; i++) {
        uint8_t lo = a[i] < a[i + 1] ? a[i] : a[i + 1];
        uint8_t hi = a[i] < a[i + 1] ? a[i + 1] : a[i];
        z[i] = (uint8_t)(((unsigned)lo + hi + 1) >> 1) ^ (uint8_t)(hi - lo);
    }
    z[n - 1] = a[n - 1];
}

uint64_t sum_bytes(size_t n, const uint8_t *a)
{
    uint32_t s = 0;
    for (size_t i = 0; i < n; i++)
        s += a[i] * (uint32_t)(i & 15);
    return s;
}

/* ---- string functions ----------------------------------------------------- */

uint8_t sbuf_dst[512] __attribute__((aligned(16)));

typedef uint8_t v16u8 __attribute__((vector_size(16), may_alias));
typedef uint64_t v2u64 __attribute__((vector_size(16), may_alias));

void *fp_memcpy(void *dst, const void *src, size_t n)
{
    uint8_t *__restrict d = dst;
    const uint8_t *__restrict s = src;
    for (size_t i = 0; i < n; i++)      /* vectorised: LDR/STR Q, unaligned */
        d[i] = s[i];
    return dst;
}

void *fp_memset(void *dst, int c, size_t n)
{
    uint8_t *d = dst;
    for (size_t i = 0; i < n; i++)      /* vectorised: DUP + STR Q */
        d[i] = (uint8_t)c;
    return dst;
}

/* Index of the first byte set in a CMEQ mask, or 16. */
static inline unsigned first_set(v16u8 m)
{
    v2u64 w = (v2u64)m;
    if (w[0])
        return (unsigned)__builtin_ctzll(w[0]) >> 3;
    if (w[1])
        return 8 + ((unsigned)__builtin_ctzll(w[1]) >> 3);
    return 16;
}

/* Aligned 16-byte blocks, as libc does: never reads across a page it would not touch. */
size_t fp_strlen(const char *s)
{
    uintptr_t p = (uintptr_t)s & ~(uintptr_t)15;
    unsigned skip = (unsigned)((uintptr_t)s & 15);
    const v16u8 *v = (const v16u8 *)p;
    v16u8 m = *v == (v16u8){ 0 };
    for (unsigned i = 0; i < skip; i++)
        m[i] = 0;
    while (first_set(m) == 16) {
        v++;
        m = *v == (v16u8){ 0 };
    }
    return (size_t)((const char *)v + first_set(m) - s);
}

const void *fp_memchr(const void *s, int c, size_t n)
{
    const uint8_t *b = s;
    v16u8 key = (v16u8){ 0 } + (uint8_t)c;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        v16u8 blk;
        __builtin_memcpy(&blk, b + i, 16);   /* unaligned LDR Q */
        unsigned k = first_set(blk == key);
        if (k < 16)
            return b + i + k;
    }
    for (; i < n; i++)
        if (b[i] == (uint8_t)c)
            return b + i;
    return 0;
}

/* ---- struct copies ------------------------------------------------------- */

struct record rec_a[NREC], rec_b[NREC];

void struct_init(void)
{
    for (int i = 0; i < NREC; i++) {
        rec_a[i].a = (double)i * 1.25;
        rec_a[i].b = 1.0 / (double)(i + 3);
        for (int k = 0; k < 4; k++)
            rec_a[i].v[k] = (float)(i * 4 + k) * 0.125f;
        rec_a[i].k = 0x0123456789abcdefULL * (uint64_t)(i + 1);
        rec_a[i].m = (uint64_t)i << 40;
    }
}

void struct_shuffle(int round)
{
    for (int i = 0; i < NREC; i++)
        rec_b[i] = rec_a[(i * 13 + round * 5) % NREC];
    for (int i = 0; i < NREC; i++) {
        struct record r = rec_b[NREC - 1 - i];
        r.a += r.b;
        r.v[round & 3] *= 2.0f;
        rec_a[i] = r;
    }
}

/* ---- interleaved data (LD2/LD3/ST2), widening and narrowing ------------- */

void rgb_to_gray(int n, const uint8_t *rgb, uint8_t *gray)
{
    for (int i = 0; i < n; i++)         /* LD3 {v.16b}, widening multiply-accumulate */
        gray[i] = (uint8_t)((rgb[3 * i] * 77u + rgb[3 * i + 1] * 150u + rgb[3 * i + 2] * 29u) >> 8);
}

void complex_mul(int n, const float *a, const float *b, float *z)
{
    for (int i = 0; i < n; i++) {       /* LD2/ST2 {v.4s} */
        float ar = a[2 * i], ai = a[2 * i + 1], br = b[2 * i], bi = b[2 * i + 1];
        z[2 * i] = ar * br - ai * bi;
        z[2 * i + 1] = ar * bi + ai * br;
    }
}

void widen_narrow(int n, const float *x, double *d, float *z)
{
    for (int i = 0; i < n; i++)         /* FCVTL, FCVTN */
        d[i] = (double)x[i] * 1.000001;
    for (int i = 0; i < n; i++)
        z[i] = (float)(d[i] / 3.0);
}

uint32_t sad_u8(int n, const uint8_t *a, const uint8_t *b)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++)         /* UABD/UABAL-like */
        s += (uint32_t)(a[i] > b[i] ? a[i] - b[i] : b[i] - a[i]);
    return s;
}

/* ---- more vector idioms ---------------------------------------------------- */

uint32_t popcount_sum(int n, const uint32_t *a)
{
    uint32_t c = 0;
    for (int i = 0; i < n; i++)         /* CNT v.16b + pairwise adds */
        c += (uint32_t)__builtin_popcount(a[i]);
    return c;
}

void bswap_all(int n, const uint32_t *a, uint32_t *z)
{
    for (int i = 0; i < n; i++)         /* REV32 v.16b */
        z[i] = __builtin_bswap32(a[i]);
}

void rgba_planes(int n, const uint8_t *rgba, uint8_t *r, uint8_t *g, uint8_t *b, uint8_t *a)
{
    for (int i = 0; i < n; i++) {       /* LD4 {v.16b} */
        r[i] = rgba[4 * i];
        g[i] = rgba[4 * i + 1];
        b[i] = rgba[4 * i + 2];
        a[i] = rgba[4 * i + 3];
    }
}

void planes_rgb(int n, const uint8_t *r, const uint8_t *g, const uint8_t *b, uint8_t *rgb)
{
    for (int i = 0; i < n; i++) {       /* ST3 {v.16b} */
        rgb[3 * i] = r[i];
        rgb[3 * i + 1] = g[i];
        rgb[3 * i + 2] = b[i];
    }
}

void clamp_u8(int n, const int16_t *a, uint8_t *z)
{
    for (int i = 0; i < n; i++) {       /* SQXTUN or SMAX/SMIN + XTN */
        int v = a[i] >> 4;
        z[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
}

void high_bytes(int n, const uint16_t *a, uint8_t *z)
{
    for (int i = 0; i < n; i++)         /* SHRN / UZP2 */
        z[i] = (uint8_t)(a[i] >> 8);
}

void reverse_i32(int n, const int32_t *a, int32_t *z)
{
    for (int i = 0; i < n; i++)         /* REV64 + EXT, or TBL */
        z[i] = a[n - 1 - i];
}

void abs_mul(int n, const int32_t *a, const int32_t *b, int32_t *z)
{
    for (int i = 0; i < n; i++) {       /* ABS, MUL, MLA v.4s, USHR */
        int32_t x = a[i] < 0 ? -a[i] : a[i];
        z[i] = x * 3 + (int32_t)((uint32_t)b[i] >> 3) * b[i];
    }
}

void dsqrt_div(int n, const double *x, const double *y, double *z)
{
    for (int i = 0; i < n; i++)         /* FSQRT, FDIV, FABS v.2d */
        z[i] = __builtin_sqrt(__builtin_fabs(x[i])) / (y[i] + 1.0);
}

void i64_ops(int n, const int64_t *a, const int64_t *b, int64_t *z)
{
    for (int i = 0; i < n; i++)         /* ADD, CMGT, BSL v.2d, SSHR */
        z[i] = a[i] > b[i] ? (a[i] >> 3) + b[i] : a[i] - (b[i] >> 5);
}

void i16_to_float(int n, const int16_t *a, float *z)
{
    for (int i = 0; i < n; i++)         /* SXTL + SCVTF */
        z[i] = (float)a[i] * 0.5f;
}

uint32_t sum_u8(int n, const uint8_t *a)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++)         /* UXTL / UADDW */
        s += a[i];
    return s;
}

void minmax_u16(int n, const uint16_t *a, const uint16_t *b, uint16_t *lo, uint16_t *hi)
{
    for (int i = 0; i < n; i++) {       /* UMIN, UMAX v.8h */
        lo[i] = a[i] < b[i] ? a[i] : b[i];
        hi[i] = a[i] < b[i] ? b[i] : a[i];
    }
}

/* Reassociated float reductions (what -ffast-math code does): FADDP, FMAXNMV, FMINNMV. */
#pragma GCC push_options
#pragma GCC optimize("fast-math")
float fast_sum(int n, const float *a)
{
    float s = 0;
    for (int i = 0; i < n; i++)
        s += a[i];
    return s;
}

float fast_max(int n, const float *a)
{
    float m = a[0];
    for (int i = 1; i < n; i++)
        m = __builtin_fmaxf(m, a[i]);
    return m;
}

float fast_min(int n, const float *a)
{
    float m = a[0];
    for (int i = 1; i < n; i++)
        m = __builtin_fminf(m, a[i]);
    return m;
}

double fast_dot(int n, const double *a, const double *b)
{
    double s = 0;
    for (int i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}
#pragma GCC pop_options

/* ---- FP vector operations and fixed point ---------------------------------- */

void round_all(int n, const float *x, float *z)
{
    for (int i = 0; i < n; i++)         /* FRINTM/FRINTP/FRINTA/FRINTZ/FRINTX v.4s */
        z[i] = __builtin_floorf(x[i]) + __builtin_ceilf(x[i] * 0.5f) * 2.0f
             - __builtin_roundf(x[i] * 0.25f) + __builtin_truncf(x[i] * 3.0f) + __builtin_rintf(x[i] * 0.1f);
}

void fabd_copysign(int n, const float *x, const float *y, float *z)
{
    for (int i = 0; i < n; i++)         /* FABD, FNEG, BIT/BIF (copysign) */
        z[i] = __builtin_copysignf(__builtin_fabsf(x[i] - y[i]), -y[i]);
}

void fixed_point(int n, const float *x, int32_t *q, float *z)
{
    for (int i = 0; i < n; i++)         /* FCVTZS v.4s, #16 and SCVTF v.4s, #8 */
        q[i] = (int32_t)(x[i] * 65536.0f);
    for (int i = 0; i < n; i++)
        z[i] = (float)q[i] / 256.0f;
}

uint64_t fixed_point_scalar(int n, const double *x)
{
    uint64_t h = 0;
    for (int i = 0; i < n; i += 7) {    /* FCVTZS x, d, #n / SCVTF / UCVTF with fbits */
        int64_t a = (int64_t)(x[i] * 4294967296.0);
        uint32_t b = (uint32_t)(x[i] * 1024.0);
        double c = (double)a / 65536.0 + (double)b / 8.0;
        h = h * 31 + (uint64_t)a + b;
        uint64_t cb;
        __builtin_memcpy(&cb, &c, 8);
        h ^= cb;
    }
    return h;
}

void fcompare(int n, const float *x, const float *y, int32_t *z)
{
    for (int i = 0; i < n; i++)         /* FCMGE/FCMGT/FCMEQ, FCMLT #0 */
        z[i] = (x[i] >= y[i]) + 2 * (x[i] < 0.0f) + 4 * (x[i] == y[i] * 2.0f) + 8 * (y[i] > 100.0f);
}

void lround_all(int n, const float *x, int32_t *a, uint32_t *u, float *z)
{
    for (int i = 0; i < n; i++)         /* FCVTAS v.4s (lroundf), FCVTZU, UCVTF v.4s */
        a[i] = (int32_t)__builtin_lroundf(x[i]);
    for (int i = 0; i < n; i++)
        u[i] = (uint32_t)(x[i] > 0 ? x[i] * 1000.0f : 0.0f);
    for (int i = 0; i < n; i++)
        z[i] = (float)u[i] * 0.001f;
}

void dround_all(int n, const double *x, double *z)
{
    for (int i = 0; i < n; i++)         /* FRINT* v.2d, FNMUL, FMLS */
        z[i] = __builtin_floor(x[i] * 100.0) - __builtin_nearbyint(-x[i] * 37.5) * x[i];
}
