using System.Buffers.Binary;
using System.Text;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source.Writer;

/// <summary>Writes one property value in dtc's <c>-O dts</c> form (treesource.c <c>write_propval</c>).</summary>
internal static class DtsValueWriter
{
    // delim_start / delim_end of write_propval, by type marker
    private static string DelimStart(MarkerKind k) => k switch
    {
        MarkerKind.TypeUInt8 => "[",
        MarkerKind.TypeUInt16 => "/bits/ 16 <",
        MarkerKind.TypeUInt32 => "<",
        MarkerKind.TypeUInt64 => "/bits/ 64 <",
        _ => "",
    };

    private static string DelimEnd(MarkerKind k) => k switch
    {
        MarkerKind.TypeUInt8 => "]",
        MarkerKind.TypeUInt16 or MarkerKind.TypeUInt32 or MarkerKind.TypeUInt64 => ">",
        _ => "",
    };

    /// <summary>Appends <c> = value;\n</c> (or <c>;\n</c> when empty).</summary>
    // write_propval: walk the markers; type markers open a group, the next type marker's offset closes it
    public static void Write(StringBuilder sb, DtProperty prop)
    {
        var value = prop.Value;
        var len = value.Length;
        if (len == 0)
        {
            sb.Append(";\n");
            return;
        }
        sb.Append(" =");

        var chain = MarkerChain.From(prop.Markers);
        DtsTypeGuess.GuessTypeMarkers(value, chain);

        MarkerKind? emit = null;
        for (var m = chain.Head.Next; m is not null; m = m.Next)
        {
            var chunkLen = (m.Next?.Offset ?? len) - m.Offset;
            var typeLen = TypeMarkerLength(m);
            var dataLen = typeLen != 0 ? typeLen : len - m.Offset;

            if (MarkerChain.IsType(m.Kind))
            {
                emit = m.Kind;
                sb.Append(' ').Append(DelimStart(m.Kind));
            }
            else if (m.Kind == MarkerKind.Label)
            {
                sb.Append(' ').Append(m.Ref).Append(':');
            }

            if (emit is not { } type || chunkLen <= 0) continue;

            switch (type)
            {
                case MarkerKind.TypeUInt16:
                    WriteInts(sb, value, m.Offset, chunkLen, 2);
                    break;
                case MarkerKind.TypeUInt32:
                    var phandle = FindPhandleRef(chain, m.Offset);
                    if (phandle is not null)
                    {
                        // write_propval: a reference by path is written &{/path}
                        if (phandle.StartsWith('/')) sb.Append("&{").Append(phandle).Append('}');
                        else sb.Append('&').Append(phandle);
                        if (chunkLen > 4)
                        {
                            sb.Append(' ');
                            WriteInts(sb, value, m.Offset + 4, chunkLen - 4, 4);
                        }
                    }
                    else
                    {
                        WriteInts(sb, value, m.Offset, chunkLen, 4);
                    }
                    if (dataLen > chunkLen) sb.Append(' ');
                    break;
                case MarkerKind.TypeUInt64:
                    WriteInts(sb, value, m.Offset, chunkLen, 8);
                    break;
                case MarkerKind.TypeString:
                    WriteString(sb, value, m.Offset, chunkLen);
                    break;
                default:
                    WriteInts(sb, value, m.Offset, chunkLen, 1);
                    break;
            }

            if (chunkLen == dataLen)
            {
                sb.Append(DelimEnd(type));
                if (m.Offset + chunkLen != len) sb.Append(',');
                emit = null;
            }
        }
        sb.Append(";\n");
    }

    // type_marker_length: distance to the next type marker, 0 when there is none
    private static int TypeMarkerLength(MarkerChain.Link m)
    {
        for (var n = m.Next; n is not null; n = n.Next)
            if (MarkerChain.IsType(n.Kind)) return n.Offset - m.Offset;
        return 0;
    }

    private static string? FindPhandleRef(MarkerChain chain, int offset)
    {
        for (var n = chain.Head.Next; n is not null; n = n.Next)
            if (n.Kind == MarkerKind.RefPhandle && n.Offset == offset) return n.Ref ?? "";
        return null;
    }

    // write_propval_int: [..] bytes as %02x, cells as 0x%02x, space separated
    private static void WriteInts(StringBuilder sb, byte[] v, int start, int len, int width)
    {
        var end = Math.Min(start + len, v.Length);
        for (var p = start; p + width <= end; p += width)
        {
            switch (width)
            {
                case 1:
                    sb.Append(v[p].ToString("x2"));
                    break;
                case 2:
                    sb.Append("0x").Append(BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(p)).ToString("x2"));
                    break;
                case 4:
                    sb.Append("0x").Append(BinaryPrimitives.ReadUInt32BigEndian(v.AsSpan(p)).ToString("x2"));
                    break;
                default:
                    sb.Append("0x").Append(BinaryPrimitives.ReadUInt64BigEndian(v.AsSpan(p)).ToString("x2"));
                    break;
            }
            if (p + width < end) sb.Append(' ');
        }
    }

    // write_propval_string: quoted, C escapes, the final NUL dropped; other bytes as \x.. of a signed char
    private static void WriteString(StringBuilder sb, byte[] v, int start, int len)
    {
        sb.Append('"');
        var end = start + len - 1;
        for (var i = start; i < end; i++)
        {
            var c = v[i];
            switch (c)
            {
                case 7: sb.Append("\\a"); break;
                case 8: sb.Append("\\b"); break;
                case 9: sb.Append("\\t"); break;
                case 10: sb.Append("\\n"); break;
                case 11: sb.Append("\\v"); break;
                case 12: sb.Append("\\f"); break;
                case 13: sb.Append("\\r"); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'"': sb.Append("\\\""); break;
                case 0: sb.Append("\\0"); break;
                default:
                    if (c is >= 0x20 and < 0x7f) sb.Append((char)c);
                    // dtc passes a plain (signed) char to %02x, so bytes from 0x80 print sign-extended
                    else sb.Append("\\x").Append(c >= 0x80 ? ((uint)(sbyte)c).ToString("x2") : c.ToString("x2"));
                    break;
            }
        }
        sb.Append('"');
    }
}
