/*
 * Floating-point and Advanced SIMD benchmark, built at -O3 without -mgeneral-regs-only (its
 * fpstart.S enables FP first): a double-precision N-body simulation (FMUL/FMADD/FDIV/FSQRT on
 * D registers), a 48x48 double matrix product (vectorised FMLA .2d), and float vector loops
 * over 4096-element arrays that GCC auto-vectorises (saxpy, a 5-tap FIR filter, a dot product,
 * int<->float conversions, clamping with FMAXNM/FMINNM). Deterministic; prints a checksum of
 * the results' bit patterns. (benchmmu.h: MMU and caches as every bench guest.)
 */
#include "rt.h"
#include "benchmmu.h"

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NBODIES 5
#define NBODY_STEPS 150000

#define MN 48
#define MATRIX_ROUNDS 16

#define VN 4096
#define VECTOR_ROUNDS 700

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

static double ma[MN][MN], mb[MN][MN], mc[MN][MN];
static float fx[VN], fy[VN], fz[VN];
static int32_t iv[VN];

static uint64_t checksum;

static void mix(uint64_t v)
{
    checksum = (checksum ^ v) * 0x100000001b3ULL;
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

static double energy(void)
{
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

static void __attribute__((noinline)) advance(double dt)
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

static void nbody(void)
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
    mix(dbits(energy()));
    for (int s = 0; s < NBODY_STEPS; s++)
        advance(0.01);
    mix(dbits(energy()));
}

static void __attribute__((noinline)) matmul(void)
{
    for (int i = 0; i < MN; i++) {
        for (int j = 0; j < MN; j++)
            mc[i][j] = 0;
        for (int k = 0; k < MN; k++) {
            double a = ma[i][k];
            for (int j = 0; j < MN; j++)        /* FMLA v.2d */
                mc[i][j] += a * mb[k][j];
        }
    }
}

static void matrix(void)
{
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++) {
            ma[i][j] = 1.0 / (double)(i + j + 1);
            mb[i][j] = (double)((i * 5 + j * 3) % 7) - 3.0;
        }
    for (int r = 0; r < MATRIX_ROUNDS; r++) {
        matmul();
        /* Feed the product back, scaled, so the rounds depend on each other. */
        for (int i = 0; i < MN; i++)
            for (int j = 0; j < MN; j++)
                mb[i][j] = mc[i][j] * 0.125;
    }
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++)
            mix(dbits(mc[i][j]));
}

static void __attribute__((noinline)) saxpy(float a, const float *x, float *y)
{
    for (int i = 0; i < VN; i++)
        y[i] = a * x[i] + y[i];
}

static void __attribute__((noinline)) fir5(const float *x, float *z)
{
    for (int i = 0; i < VN - 4; i++)
        z[i] = 0.1f * x[i] + 0.2f * x[i + 1] + 0.4f * x[i + 2] + 0.2f * x[i + 3] + 0.1f * x[i + 4];
}

static float __attribute__((noinline)) dot(const float *x, const float *y)
{
    /* Four partial sums in a fixed order: a float reduction GCC vectorises without -ffast-math. */
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i < VN; i += 4) {
        s0 += x[i] * y[i];
        s1 += x[i + 1] * y[i + 1];
        s2 += x[i + 2] * y[i + 2];
        s3 += x[i + 3] * y[i + 3];
    }
    return (s0 + s1) + (s2 + s3);
}

static void __attribute__((noinline)) convert_clamp(const float *x, int32_t *v, float *y)
{
    for (int i = 0; i < VN; i++)                /* FCVTZS, SCVTF, FMAXNM/FMINNM v.4s */
        v[i] = (int32_t)(x[i] * 16.0f);
    for (int i = 0; i < VN; i++)
        y[i] = __builtin_fminf(__builtin_fmaxf((float)v[i] * 0.0625f, -100.0f), 100.0f);
}

static void vectors(void)
{
    uint32_t s = 2463534242u;
    for (int i = 0; i < VN; i++) {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        fx[i] = (float)(int32_t)(s & 0xffff) * 0.001f - 30.0f;
        fy[i] = (float)i * 0.01f;
    }
    for (int r = 0; r < VECTOR_ROUNDS; r++) {
        saxpy(0.5f + (float)(r & 7) * 0.125f, fx, fy);
        fir5(fy, fz);
        float d = dot(fz, fx);
        mix(fbits(d));
        convert_clamp(fz, iv, fy);
    }
    for (int i = 0; i < VN; i++)
        mix(fbits(fy[i]) ^ (uint32_t)iv[i]);
}

int main(void)
{
    benchmmu_setup();
    checksum = 0xcbf29ce484222325ULL;
    nbody();
    matrix();
    vectors();
    rt_printf("fpsimd: %016llx\n", (unsigned long long)checksum);
    return 0;
}
