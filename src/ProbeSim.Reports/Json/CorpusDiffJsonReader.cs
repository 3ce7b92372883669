using System.Text.Json;
using ProbeSim.Checking.CorpusDiff;

namespace ProbeSim.Reports.Json;

/// <summary>
/// Reads <c>probesim-corpus-diff/1</c> JSON (what <see cref="CorpusDiffJsonWriter"/> writes) for <c>diff merge</c>.
/// Anything else (not JSON, another schema, a missing or mistyped property) is a <see cref="DiffException"/> of kind
/// <see cref="DiffErrorKind.Input"/> whose message starts with the file name.
/// </summary>
public static class CorpusDiffJsonReader
{
    public static CorpusDiffResult Read(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            // System.Text.Json counts lines and bytes from 0; its message runs on with "LineNumber: ..."
            var what = e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd('.', ' ');
            throw new DiffException(DiffErrorKind.Input,
                $"{source}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: error: not JSON: {what}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Error(source, "not a JSON object");
            var schema = root.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (schema != CorpusDiffJsonWriter.Schema)
                throw Error(source, $"schema is {(schema is null ? "missing" : "'" + schema + "'")}, not '{CorpusDiffJsonWriter.Schema}' (write it with probesim diff --json)");
            var r = new Reader(source);
            var shard = r.Object(root, "shard");
            var count = r.Int(shard, "count", "shard.");
            var slices = r.Array(shard, "slices", "shard.").Select(e => r.IntValue(e, "shard.slices[]")).ToList();
            Shard sh;
            try
            {
                sh = new Shard(count, slices);
            }
            catch (ArgumentException)
            {
                throw Error(source, $"shard: slices [{string.Join(", ", slices)}] do not fit a count of {count}");
            }
            return new CorpusDiffResult
            {
                A = r.Side(root, "a"),
                B = r.Side(root, "b"),
                Shard = sh,
                Boards = r.Int(root, "boards"),
                Devices = r.Int(root, "devices"),
                Changes = CorpusDiffResult.Sorted(r.Array(root, "changes").Select(c => new DiffChange(
                    r.String(c, "board", "changes[]."), r.String(c, "device", "changes[]."), r.String(c, "field", "changes[]."),
                    r.NullableString(c, "before", "changes[]."), r.NullableString(c, "after", "changes[]."),
                    new ChangeCause.Written(r.String(c, "cause", "changes[]."))))),
                Failures = CorpusDiffResult.Sorted(r.Array(root, "failures").Select(f => new DiffFailure(
                    r.String(f, "board", "failures[]."), r.String(f, "side", "failures[]."), r.String(f, "error", "failures[].")))),
                OnlyInA = r.Array(root, "onlyInA").Select(e => r.StringValue(e, "onlyInA[]")).Order(StringComparer.Ordinal).ToList(),
                OnlyInB = r.Array(root, "onlyInB").Select(e => r.StringValue(e, "onlyInB[]")).Order(StringComparer.Ordinal).ToList(),
            };
        }
    }

    private static DiffException Error(string source, string message) => new(DiffErrorKind.Input, $"{source}: error: {message}");

    private sealed class Reader(string source)
    {
        public DiffSideInfo Side(JsonElement root, string name)
        {
            var o = Object(root, name);
            var p = name + ".";
            return new DiffSideInfo(NullableString(o, "spec", p), String(o, "profile", p), String(o, "driverSet", p),
                NullableString(o, "config", p), String(o, "cmdline", p), String(o, "corpus", p));
        }

        public JsonElement Object(JsonElement o, string name, string path = "") =>
            Get(o, name, path) is { ValueKind: JsonValueKind.Object } v ? v : throw Wrong(path + name, "an object");

        public IEnumerable<JsonElement> Array(JsonElement o, string name, string path = "") =>
            Get(o, name, path) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray().ToList() : throw Wrong(path + name, "an array");

        public int Int(JsonElement o, string name, string path = "") => IntValue(Get(o, name, path), path + name);

        public int IntValue(JsonElement v, string what) =>
            v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0 ? n : throw Wrong(what, "a whole number");

        public string String(JsonElement o, string name, string path = "") => StringValue(Get(o, name, path), path + name);

        public string StringValue(JsonElement v, string what) =>
            v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Wrong(what, "a string");

        public string? NullableString(JsonElement o, string name, string path = "")
        {
            var v = Get(o, name, path);
            return v.ValueKind == JsonValueKind.Null ? null : v.ValueKind == JsonValueKind.String ? v.GetString() : throw Wrong(path + name, "a string or null");
        }

        private JsonElement Get(JsonElement o, string name, string path) =>
            o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) ? v : throw Error(source, $"{path}{name} is missing");

        private DiffException Wrong(string what, string expected) => Error(source, $"{what} is not {expected}");
    }
}
