using System.Text;

namespace ProbeSim.Fuzz.Core;

/// <summary>A text writer that keeps the first <c>limit</c> characters and counts the rest.</summary>
public sealed class CappedWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly int _limit;

    public CappedWriter(int limit) => _limit = limit;

    public long Length { get; private set; }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        Length++;
        if (_text.Length < _limit) _text.Append(value);
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        Length += value.Length;
        if (_text.Length < _limit) _text.Append(value, 0, Math.Min(value.Length, _limit - _text.Length));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override string ToString() => _text.ToString();
}
