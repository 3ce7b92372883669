using System.Buffers;

namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>A growable char buffer on pooled arrays (the output of a run is large; this avoids StringBuilder chunks).</summary>
internal sealed class CharBuffer : IDisposable
{
    private char[] _buf;
    private int _len;

    public CharBuffer(int capacity) => _buf = ArrayPool<char>.Shared.Rent(Math.Max(capacity, 256));

    public int Length => _len;

    private void Grow(int need)
    {
        var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_buf.Length * 2, _len + need));
        _buf.AsSpan(0, _len).CopyTo(bigger);
        ArrayPool<char>.Shared.Return(_buf);
        _buf = bigger;
    }

    public CharBuffer Append(char c)
    {
        if (_len == _buf.Length) Grow(1);
        _buf[_len++] = c;
        return this;
    }

    public CharBuffer Append(ReadOnlySpan<char> s)
    {
        if (_len + s.Length > _buf.Length) Grow(s.Length);
        s.CopyTo(_buf.AsSpan(_len));
        _len += s.Length;
        return this;
    }

    public CharBuffer Append(string s) => Append(s.AsSpan());

    public CharBuffer Append(int value)
    {
        if (_len + 11 > _buf.Length) Grow(11);
        value.TryFormat(_buf.AsSpan(_len), out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        _len += written;
        return this;
    }

    public override string ToString() => new(_buf, 0, _len);

    /// <summary>The characters written so far, in the pooled array itself: valid until the next append or <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<char> Memory => _buf.AsMemory(0, _len);

    public void Dispose()
    {
        var b = _buf;
        _buf = [];
        _len = 0;
        if (b.Length > 0) ArrayPool<char>.Shared.Return(b);
    }
}
