namespace ProbeSim.Fuzz.Core;

/// <summary>
/// The harness's only source of randomness: xoshiro256** seeded through SplitMix64. Input <c>i</c> of seed <c>S</c>
/// draws from <see cref="For"/>(S, i), so it is the same bytes on every machine and every run.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The generator of input <paramref name="index"/> of <paramref name="seed"/>.</summary>
    public static Rng For(long seed, long index)
    {
        var x = (ulong)seed;
        var a = SplitMix(ref x);
        var y = a ^ ((ulong)index * 0xD1B54A32D192ED03UL);
        return new Rng(SplitMix(ref y));
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextU64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    public uint NextU32() => (uint)(NextU64() >> 32);

    /// <summary>A number in [0, n).</summary>
    public int Next(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        return (int)((NextU64() >> 33) % (ulong)n);
    }

    /// <summary>A number in [lo, hi].</summary>
    public int Range(int lo, int hi) => lo + Next(hi - lo + 1);

    /// <summary>True once in <paramref name="n"/> draws on average.</summary>
    public bool OneIn(int n) => Next(n) == 0;

    /// <summary>True with probability <paramref name="percent"/>/100.</summary>
    public bool Percent(int percent) => Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Small numbers are likelier: 1 with probability 1/2, 2 with 1/4, ... up to <paramref name="max"/>.</summary>
    public int Geometric(int max)
    {
        int n = 1;
        while (n < max && (NextU64() & 1) == 0) n++;
        return n;
    }

    public byte[] Bytes(int n)
    {
        var b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte)NextU64();
        return b;
    }

    /// <summary>An independent stream, for a part of the input whose draws must not shift the others.</summary>
    public Rng Fork() => new(NextU64());

    public void Shuffle<T>(IList<T> list)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
