using System.Text;
using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Gen.Yaml;

/// <summary>Syntax damage to emitted YAML text: unclosed brackets, tabs, odd indentation, truncation, directives, documents, bad bytes.</summary>
public static class YamlTextBreaker
{
    public static byte[] Break(Rng rng, string text, List<string> notes)
    {
        var lines = text.Split('\n').ToList();
        string note;
        switch (rng.Next(14))
        {
            case 0:
            {
                int i = text.LastIndexOfAny([']', '}']);
                if (i >= 0) text = text.Remove(i, 1);
                note = "a closing bracket removed";
                return Done(text);
            }
            case 1:
            {
                int i = text.IndexOfAny(['[', '{']);
                text = i >= 0 ? text.Insert(i, rng.OneIn(2) ? "[" : "{") : "[" + text;
                note = "an opening bracket added";
                return Done(text);
            }
            case 2:
            {
                int l = rng.Next(lines.Count);
                lines[l] = "\t" + lines[l].TrimStart(' ');
                note = $"tab indentation on line {l + 1}";
                break;
            }
            case 3:
            {
                int l = rng.Next(lines.Count);
                lines[l] = (rng.OneIn(2) ? " " : "") + lines[l][(lines[l].Length > 0 && lines[l][0] == ' ' && rng.OneIn(2) ? 1 : 0)..];
                note = $"indentation of line {l + 1} off by one";
                break;
            }
            case 4:
            {
                int cut = rng.Next(text.Length + 1);
                note = $"truncated at {cut}";
                text = text[..cut];
                return Done(text);
            }
            case 5:
                lines.Insert(0, rng.Pick(new[] { "%YAML 1.1\n---", "%YAML 9.9\n---", "%TAG ! tag:x,2000:\n---", "---", "--- |", "...", "%FOO" }));
                note = "a directive or document marker in front";
                break;
            case 6:
                lines.Add(rng.Pick(new[] { "---\ndrivers: []", "---\n- a", "...\n---\n{}", "--- !!binary |\n  AAAA" }));
                note = "a second document";
                break;
            case 7:
            {
                int l = rng.Next(lines.Count);
                lines.Insert(l, lines[l]);
                note = $"line {l + 1} duplicated";
                break;
            }
            case 8:
            {
                int a = rng.Next(lines.Count), b = rng.Next(lines.Count);
                (lines[a], lines[b]) = (lines[b], lines[a]);
                note = $"lines {a + 1} and {b + 1} swapped";
                break;
            }
            case 9:
            {
                int at = rng.Next(text.Length + 1);
                var ins = rng.Pick(new[] { ":", "- ", "? ", "&", "*", "!", "|", ">", "#", "'", "\"", ",", "\\", "@", "`", "%", "\0", "\u00ff", "\ufeff", "\r", "\t", ": :", "{ ", "[ ", "<<: *a", "!!python/object:x {}" });
                text = text.Insert(at, ins);
                note = $"'{ins}' inserted at {at}";
                return Done(text);
            }
            case 10:
                note = "CR LF line ends";
                return Done(text.Replace("\n", "\r\n"));
            case 11:
            {
                var bytes = Encoding.UTF8.GetBytes(text).ToList();
                var bad = rng.Pick(new byte[][] { [0xff], [0xc3, 0x28], [0xfe, 0xff], [0x00], [0xed, 0xa0, 0x80] });
                bytes.InsertRange(rng.Next(bytes.Count + 1), bad);
                notes.Add("invalid UTF-8 inserted");
                return bytes.ToArray();
            }
            case 12:
            {
                int l = rng.Next(lines.Count);
                lines[l] = lines[l] + " # " + new string('c', rng.Pick(Interesting.HugeLengths));
                note = $"a long comment on line {l + 1}";
                break;
            }
            default:
            {
                int at = rng.Next(text.Length + 1);
                int len = Math.Min(text.Length - at, rng.Geometric(16));
                text = text.Remove(at, len);
                note = $"{len} characters deleted at {at}";
                return Done(text);
            }
        }
        notes.Add(note);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));

        byte[] Done(string t)
        {
            notes.Add(note);
            return Encoding.UTF8.GetBytes(t);
        }
    }
}
