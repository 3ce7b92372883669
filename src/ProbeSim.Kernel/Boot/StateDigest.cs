using System.Numerics;
using System.Runtime.CompilerServices;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Boot;

/// <summary>
/// The state digest being built (<see cref="Kernel.StateHash"/>): a 64-bit hash of a sequence of values. Each step is a
/// bijection of the running value for a fixed input (rotate, xor, multiply by an odd constant), so two sequences of the
/// same shape that differ in one value never collide. Strings, tree nodes and immutable value records go in by their
/// in-process hash: a digest is only ever compared with digests made in the same process (an explorer's visited set).
/// </summary>
public struct StateDigest
{
    private const ulong Seed = 0x243F_6A88_85A3_08D3UL, K = 0x9E37_79B9_7F4A_7C15UL;
    private ulong _h;

    public StateDigest() => _h = Seed;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong v) => _h = (BitOperations.RotateLeft(_h, 23) ^ v) * K;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(long v) => Add((ulong)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int v) => Add((ulong)(long)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(bool v) => Add(v ? 1UL : 0UL);

    public void Add(int? v) => Add(v is { } x ? (ulong)(uint)x | 1UL << 32 : 0UL);

    public void Add(uint? v) => Add(v is { } x ? x | 1UL << 32 : 0UL);

    public void Add(bool? v) => Add(v is { } x ? (x ? 2UL : 1UL) : 0UL);

    public void Add(long? v)
    {
        Add(v.HasValue);
        Add(v ?? 0);
    }

    public void Add(ulong? v)
    {
        Add(v.HasValue);
        Add(v ?? 0);
    }

    /// <summary>A string by its in-process hash (null differs from every string).</summary>
    public void Add(string? s) => Add(s is null ? 0UL : (ulong)(uint)s.GetHashCode() | 1UL << 32);

    /// <summary>A tree node by its path (null differs from every node).</summary>
    public void Add(DtNode? node) => Add(NodeKey(node));

    /// <summary>An immutable value (a record of scalars and strings) by its value hash; null differs from every value.</summary>
    public void AddValue(object? value) => Add(value is null ? 0UL : (ulong)(uint)value.GetHashCode() | 1UL << 32);

    /// <summary>Two 32-bit values as one.</summary>
    public static ulong Pair(int high, int low) => (ulong)(uint)high << 32 | (uint)low;

    /// <summary>Up to eight flags as one value.</summary>
    public static ulong Flags(bool b0, bool b1 = false, bool b2 = false, bool b3 = false, bool b4 = false, bool b5 = false, bool b6 = false, bool b7 = false) =>
        (b0 ? 1UL : 0) | (b1 ? 2UL : 0) | (b2 ? 4UL : 0) | (b3 ? 8UL : 0) | (b4 ? 16UL : 0) | (b5 ? 32UL : 0) | (b6 ? 64UL : 0) | (b7 ? 128UL : 0);

    /// <summary>The key a node is digested by: the in-process hash of its path.</summary>
    public static ulong NodeKey(DtNode? node) => node is null ? 0UL : (ulong)(uint)node.Path.GetHashCode() | 1UL << 33;

    /// <summary>A set or map whose order decides nothing: the sum of its elements' digests, with their count.</summary>
    public void Add(in Unordered set)
    {
        Add(set.Count);
        Add(set.Sum);
    }

    /// <summary>
    /// A string's key, kept while the field holds the same string (strings are immutable): a field whose text is often
    /// the same long message does not hash it again at every digest.
    /// </summary>
    public struct StringKey
    {
        private string? _of;
        private ulong _key;

        public ulong Of(string? s)
        {
            if (s is null) return 0;
            if (!ReferenceEquals(s, _of))
            {
                _key = (ulong)(uint)s.GetHashCode() | 1UL << 32;
                _of = s;
            }
            return _key;
        }
    }

    public readonly ulong Value
    {
        get
        {
            // murmur3's finaliser: every bit of the running value reaches every bit of the digest
            ulong h = _h;
            h ^= h >> 33;
            h *= 0xff51_afd7_ed55_8ccdUL;
            h ^= h >> 33;
            h *= 0xc4ce_b9fe_1a85_ec53UL;
            return h ^ (h >> 33);
        }
    }

    /// <summary>The elements of a set whose order decides nothing: each element digested on its own, summed.</summary>
    public struct Unordered
    {
        public int Count { get; private set; }
        public ulong Sum { get; private set; }

        public void Add(in StateDigest element)
        {
            Count++;
            Sum += element.Value;
        }

        public void Add(ulong element)
        {
            var e = new StateDigest();
            e.Add(element);
            Add(e);
        }
    }
}

/// <summary>
/// How one state-owning type, or one file's part of a partial type, goes into the state digest: the fields its digest
/// method covers, and every other field with why it does not decide how the boot goes on (an input the same in every
/// schedule, a cache, a log, a mirror of digested state). The guard test fails on an instance field in neither list,
/// so a field cannot be added without deciding which it is.
/// </summary>
public sealed class DigestFields
{
    public DigestFields(Type type, string[] digested, params (string Field, string Why)[] exempt)
    {
        Type = type;
        Digested = digested;
        Exempt = exempt;
    }

    public Type Type { get; }
    /// <summary>Fields the type's digest method covers (names as declared: a property's name for its backing field).</summary>
    public IReadOnlyList<string> Digested { get; }
    /// <summary>Fields left out, each with the one-line reason.</summary>
    public IReadOnlyList<(string Field, string Why)> Exempt { get; }

    // the reasons that recur
    /// <summary>Set when the kernel is made (or before the first choice point) from the board, profile, driver set, command line and options.</summary>
    public const string Input = "an input: the same in every schedule of one prepared boot";
    public const string Wiring = "wiring to another object, not state";
    public const string Log = "a record for the result and the log; nothing in the kernel or the checks reads it back";
    public const string Timestamp = "a time for reports and explanations; nothing decides on it";
    public const string Cache = "a cache of values computed from immutable inputs";
}
