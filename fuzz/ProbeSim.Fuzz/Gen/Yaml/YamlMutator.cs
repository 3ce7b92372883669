using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Gen.Yaml;

/// <summary>
/// Node-level mutations of a YAML tree: scalars replaced with edges or with values of the right (or another) key, entries
/// deleted, duplicated, renamed and added, nodes changed to another type or nested deeper, flow and block swapped,
/// anchors and aliases (also undefined, and alias bombs), huge scalars and lists, tags.
/// </summary>
public sealed class YamlMutator
{
    private readonly YamlSchema _schema;
    private readonly string _rootContext;
    private readonly bool _gentle;

    /// <param name="gentle">Only edits that keep the document meant to be valid: values of the same key, keys added or removed, items copied or shuffled.</param>
    public YamlMutator(YamlSchema schema, string rootContext, bool gentle = false)
    {
        _schema = schema;
        _rootContext = rootContext;
        _gentle = gentle;
    }

    private static readonly int[] GentleOps = [2, 3, 4, 5, 7, 8, 11, 13];

    /// <summary>A place in the tree: the node there, its context, and how to replace it.</summary>
    /// <param name="InList">The node is an item of the list that <paramref name="Key"/> holds.</param>
    private sealed record Slot(YNode Node, string Context, string Key, Action<YNode> Replace, YNode? Parent, bool InList = false);

    private List<Slot> Slots(YNode root, Action<YNode> setRoot)
    {
        var result = new List<Slot>();
        void Walk(YNode n, string context, string key, Action<YNode> replace, YNode? parent, bool inList = false)
        {
            result.Add(new Slot(n, context, key, replace, parent, inList));
            if (result.Count > 20_000) return;
            switch (n)
            {
                case YMap m:
                    var ctx = YamlSchema.ContextOf(m, context);
                    foreach (var e in m.Entries.ToList())
                    {
                        var entry = e;
                        Walk(e.Value, ChildContext(entry.KeyText, ctx), entry.KeyText, v => entry.Value = v, m);
                    }
                    break;
                case YSeq s:
                    for (int i = 0; i < s.Items.Count; i++)
                    {
                        int idx = i;
                        Walk(s.Items[i], context, key, v => s.Items[idx] = v, s, inList: true);
                    }
                    break;
            }
        }
        Walk(root, _rootContext, "", setRoot, null);
        return result;
    }

    private static string ChildContext(string key, string context) => key switch
    {
        "drivers" => "driver",
        "nodes" => "node",
        "actions" => "action",
        "iommu" => "iommu",
        "dma" => "dma",
        "probe" => "probe-step",
        "pci" => "pci",
        "devices" or "below" => "pci-device",
        "acs-quirks" => "acs-quirk",
        _ => context,
    };

    /// <summary>Largest document the mutations grow: 18 Mi characters, just past YamlGuard's 16 MiB limit (which it still tests).</summary>
    public const int MaxDocumentChars = 18 << 20;

    // copies of one node stop at MaxDocumentChars: 20,000 copies of a 20,000-deep collection were 801 MB (1:310563)
    private static int Bounded(int times, int itemChars) => Math.Max(1, Math.Min(times, MaxDocumentChars / Math.Max(1, itemChars)));

    public YNode Mutate(Rng rng, YNode root, int count, List<string> notes)
    {
        var holder = new YNode[] { root };
        for (int i = 0; i < count; i++)
        {
            notes.Add(MutateOnce(rng, holder));
            // duplicating a node that holds a 20,000-deep raw collection doubles the document: past the 16 MiB
            // a YAML input may have, more size tests nothing new and only exhausts the worker's own memory (1:310563)
            if (i + 1 < count && YamlEmitter.Emit(holder[0]).Length > MaxDocumentChars)
            {
                notes.Add($"mutations stopped: the document is over {MaxDocumentChars >> 20} Mi characters");
                break;
            }
        }
        return holder[0];
    }

    private string MutateOnce(Rng rng, YNode[] holder)
    {
        var slots = Slots(holder[0], v => holder[0] = v);
        var slot = rng.Pick(slots);
        switch (_gentle ? rng.Pick(GentleOps) : rng.Next(16))
        {
            case 0:
            case 1:
            {
                var scalars = slots.Where(s => s.Node is YScalar).ToList();
                if (scalars.Count == 0) return "no scalar";
                var s = rng.Pick(scalars);
                var v = rng.OneIn(8) ? Interesting.Huge(rng, 'x') : rng.Pick(Interesting.YamlScalars);
                s.Replace(new YScalar(v, rng.OneIn(3) ? YStyle.Double : YStyle.Plain));
                return $"value of '{s.Key}' -> '{Short(v)}'";
            }
            case 2:
            case 3:
            {
                // a value that fits the key (or another key): gets past the parser into the checks
                var key = !_gentle && rng.OneIn(4) ? rng.Pick(YamlSchema.AllKeys) : slot.Key;
                slot.Replace(slot.Parent is null ? _schema.Map(rng, _rootContext, 0) : slot.InList && key == slot.Key ? _schema.Item(rng, key) : _schema.Value(rng, key));
                return $"value of '{slot.Key}' regenerated as a '{key}'";
            }
            case 4:
            {
                var maps = slots.Where(s => s.Node is YMap { Entries.Count: > 0 } || s.Node is YSeq { Items.Count: > 0 }).ToList();
                if (maps.Count == 0) return "nothing to delete";
                var c = rng.Pick(maps).Node;
                if (c is YMap m) { var e = rng.Pick(m.Entries); m.Entries.Remove(e); return $"deleted key '{e.KeyText}'"; }
                var q = (YSeq)c;
                q.Items.RemoveAt(rng.Next(q.Items.Count));
                return "deleted a list item";
            }
            case 5:
            {
                var maps = slots.Where(s => s.Node is YMap { Entries.Count: > 0 } || s.Node is YSeq { Items.Count: > 0 }).ToList();
                if (maps.Count == 0) return "nothing to duplicate";
                var c = rng.Pick(maps).Node;
                int times = !_gentle && rng.OneIn(10) ? rng.Pick(new[] { 100, 1000, 20000 }) : 1;
                if (c is YMap m && !_gentle)
                {
                    var e = rng.Pick(m.Entries);
                    times = Bounded(times, YamlEmitter.Inline(e.Value, flow: true).Length + e.KeyText.Length + 2);
                    for (int k = 0; k < times; k++) m.Entries.Add(new YEntry(e.Key.Clone(), e.Value.Clone()));
                    return $"duplicated key '{e.KeyText}' x{times}";
                }
                if (c is not YSeq q) return "no list to copy an item in";
                var item = rng.Pick(q.Items);
                times = Bounded(times, YamlEmitter.Inline(item, flow: true).Length + 2);
                for (int k = 0; k < times; k++) q.Items.Add(item.Clone());
                return $"duplicated a list item x{times}";
            }
            case 6:
            {
                var maps = slots.Where(s => s.Node is YMap { Entries.Count: > 0 }).ToList();
                if (maps.Count == 0) return "no key";
                var m = (YMap)rng.Pick(maps).Node;
                var e = rng.Pick(m.Entries);
                var old = e.KeyText;
                var name = rng.Next(4) switch
                {
                    0 => rng.Pick(YamlSchema.AllKeys),
                    1 => old.Length > 1 ? old.Remove(rng.Next(old.Length), 1) : "x",
                    2 => old.ToUpperInvariant(),
                    _ => rng.Pick(new[] { "", " ", "~", "<<", "?", "-", old + " ", "1", "true" }),
                };
                e.Key = new YScalar(name, rng.OneIn(3) ? YStyle.Double : YStyle.Plain);
                return $"key '{old}' renamed '{name}'";
            }
            case 7:
            case 8:
            {
                var maps = slots.Where(s => s.Node is YMap).ToList();
                if (maps.Count == 0) return "no map";
                var s = rng.Pick(maps);
                var m = (YMap)s.Node;
                var ctx = YamlSchema.ContextOf(m, s.Context);
                var key = !_gentle && rng.OneIn(4) ? rng.Pick(YamlSchema.AllKeys) : rng.Pick(YamlSchema.Contexts.GetValueOrDefault(ctx) ?? YamlSchema.Contexts["scenario"]);
                if (_gentle && m.Get(key) is not null) return $"key '{key}' already there";
                m.Entries.Insert(rng.Next(m.Entries.Count + 1), new YEntry(new YScalar(key), _schema.Value(rng, key)));
                return $"added key '{key}'";
            }
            case 9:
            {
                YNode n = slot.Node;
                YNode replaced = rng.Next(4) switch
                {
                    0 => new YSeq([n], flow: rng.OneIn(2)),
                    1 => new YMap([new YEntry(new YScalar(slot.Key.Length > 0 ? slot.Key : "x"), n)], flow: rng.OneIn(2)),
                    2 => new YScalar(n is YScalar sc ? sc.Value : "scalar"),
                    _ => n is YMap mm ? new YSeq(mm.Entries.Select(e => e.Value)) : new YMap(flow: true),
                };
                slot.Replace(replaced);
                return $"'{slot.Key}' changed from {n.GetType().Name} to {replaced.GetType().Name}";
            }
            case 10:
            {
                int depth = rng.OneIn(10) ? 20000 : rng.Pick(new[] { 3, 20, 200, 2000 });
                YNode n = slot.Node;
                bool flow = rng.OneIn(2);
                if (depth > 20)
                {
                    // as text: a tree this deep is no tree to walk
                    var inner = YamlEmitter.Inline(n, flow: true);
                    var seq = rng.OneIn(2);
                    var sb = new System.Text.StringBuilder();
                    for (int k = 0; k < depth; k++) sb.Append(seq ? "[" : "{k: ");
                    sb.Append(inner);
                    for (int k = 0; k < depth; k++) sb.Append(seq ? "]" : "}");
                    slot.Replace(new YRaw(sb.ToString()));
                    return $"'{slot.Key}' nested {depth} deep (flow {(seq ? "lists" : "maps")})";
                }
                for (int k = 0; k < depth; k++) n = rng.OneIn(2) ? new YSeq([n], flow) : new YMap([new YEntry(new YScalar("k"), n)], flow);
                slot.Replace(n);
                return $"'{slot.Key}' nested {depth} deep ({(flow ? "flow" : "block")})";
            }
            case 11:
            {
                var colls = slots.Where(s => s.Node is YMap or YSeq).ToList();
                if (colls.Count == 0) return "no collection";
                var c = rng.Pick(colls).Node;
                if (c is YMap m) m.Flow = !m.Flow;
                else if (c is YSeq q) q.Flow = !q.Flow;
                return "flow and block style swapped";
            }
            case 12:
            {
                // an anchor and an alias to it later in the document, or an alias to nothing, or a bomb
                var target = rng.Pick(slots);
                switch (rng.Next(4))
                {
                    case 0:
                        slot.Replace(new YAlias("nowhere"));
                        return "alias to an undefined anchor";
                    case 1:
                        target.Node.Anchor = "a1";
                        var after = slots.SkipWhile(s => s != target).Skip(1).Where(s => !IsInside(s, target.Node)).ToList();
                        if (after.Count == 0) return "anchor without a later place for its alias";
                        rng.Pick(after).Replace(new YAlias("a1"));
                        return "anchor and alias";
                    case 2:
                        slot.Replace(Bomb(rng));
                        return "alias bomb";
                    default:
                        target.Node.Anchor = "a1";
                        var inside = slots.Where(s => s != target && IsInside(s, target.Node)).ToList();
                        if (inside.Count == 0) return "no place inside the anchored node";
                        rng.Pick(inside).Replace(new YAlias("a1"));
                        return "alias inside its own anchor";
                }
            }
            case 13:
            {
                var seqs = slots.Where(s => s.Node is YSeq { Items.Count: > 0 }).ToList();
                if (seqs.Count == 0) return "no list";
                var q = (YSeq)rng.Pick(seqs).Node;
                rng.Shuffle(q.Items);
                return "list shuffled";
            }
            case 14:
            {
                slot.Node.Tag = rng.Pick(new[] { "!!str", "!!int", "!!float", "!!bool", "!!null", "!!binary", "!!map", "!!seq", "!custom", "!<tag:yaml.org,2002:str>", "!!timestamp" });
                return $"tag {slot.Node.Tag} on '{slot.Key}'";
            }
            default:
            {
                var maps = slots.Where(s => s.Node is YMap { Entries.Count: > 0 }).ToList();
                if (maps.Count == 0) return "no map";
                var m = (YMap)rng.Pick(maps).Node;
                var e = rng.Pick(m.Entries);
                e.Value = new YScalar("");
                return $"'{e.KeyText}' emptied";
            }
        }
    }

    private static bool IsInside(Slot s, YNode ancestor)
    {
        bool Contains(YNode n) => ReferenceEquals(n, s.Node) || n switch
        {
            YMap m => m.Entries.Any(e => Contains(e.Value)),
            YSeq q => q.Items.Any(Contains),
            _ => false,
        };
        return !ReferenceEquals(ancestor, s.Node) && Contains(ancestor);
    }

    /// <summary>"Billion laughs": each level a list of aliases to the level below.</summary>
    private static YNode Bomb(Rng rng)
    {
        int levels = rng.Range(3, 9), width = rng.Range(3, 10);
        var root = new YMap(flow: false);
        root.Add("l0", new YScalar("lol") { Anchor = "l0" });
        for (int i = 1; i <= levels; i++)
            root.Add("l" + i, new YSeq(Enumerable.Range(0, width).Select(_ => (YNode)new YAlias("l" + (i - 1))), flow: true) { Anchor = "l" + i });
        return root;
    }

    private static string Short(string s) => s.Length > 30 ? s[..27] + "..." : s;
}
