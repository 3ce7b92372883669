using System.Numerics;

namespace ProbeSim.Kernel.Dma;

/// <summary>The kernel's bit helpers (include/linux/bitops.h, log2.h) on 64-bit values.</summary>
internal static class Bits
{
    /// <summary>__ffs: index of the lowest set bit (x must be non-zero).</summary>
    public static int Ffs(ulong x) => BitOperations.TrailingZeroCount(x);

    /// <summary>__fls: index of the highest set bit (x must be non-zero).</summary>
    public static int Fls(ulong x) => 63 - BitOperations.LeadingZeroCount(x);

    /// <summary>fls_long: 1-based index of the highest set bit, 0 for 0.</summary>
    public static int FlsLong(ulong x) => x == 0 ? 0 : 64 - BitOperations.LeadingZeroCount(x);

    /// <summary>order_base_2: ceil(log2(n)), 0 for n &lt;= 1.</summary>
    public static int OrderBase2(ulong n) => n <= 1 ? 0 : FlsLong(n - 1);

    /// <summary>roundup_pow_of_two.</summary>
    public static ulong RoundupPowOfTwo(ulong n) => n <= 1 ? 1 : 1UL << FlsLong(n - 1);

    /// <summary>bits_per(n): number of bits needed to hold n.</summary>
    public static int BitsPer(ulong n) => n < 2 ? 1 : Fls(n) + 1;

    /// <summary>GENMASK(h, 0).</summary>
    public static ulong GenMaskTo(int h) => h >= 63 ? ulong.MaxValue : (1UL << (h + 1)) - 1;

    public static bool IsPowerOfTwo(ulong x) => x != 0 && (x & (x - 1)) == 0;

    public static ulong AlignUp(ulong x, ulong a) => (x + a - 1) & ~(a - 1);

    public static ulong AlignDown(ulong x, ulong a) => x & ~(a - 1);
}
