using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source;

internal sealed partial class DtsParser
{
    // devicetree: '/' nodedef | dt_ref nodedef (plugin) | devicetree ( '/' nodedef | DT_LABEL dt_ref nodedef
    //             | dt_ref nodedef | DT_DEL_NODE dt_ref ';' | DT_OMIT_NO_REF dt_ref ';' )*
    private PNode ParseDeviceTree()
    {
        PNode root;
        if (_tok.Is('/'))
        {
            var loc = _tok.Location;
            Advance();
            root = ParseNodeDef(loc);
            root.Name = "";
        }
        else if (_tok.Kind is DtsTokenKind.LabelRef or DtsTokenKind.PathRef)
        {
            var (reference, loc) = TakeRef();
            var body = ParseNodeDef(loc);
            if (!_plugin) Error(loc, $"Label or path {reference} not found");
            else if (IsRefRelative(reference)) Error(loc, $"Label-relative reference {reference} not supported in plugin");
            root = new PNode { Name = "", Location = loc };
            AddOrphanNode(root, body, reference);
        }
        else throw SyntaxError("'/ {' or a reference to start the tree");

        while (true)
        {
            switch (_tok.Kind)
            {
                case DtsTokenKind.Char when _tok.Is('/'):
                {
                    var loc = _tok.Location;
                    Advance();
                    var node = ParseNodeDef(loc);
                    node.Name = "";
                    LiveTree.Merge(root, node, _labels);
                    break;
                }
                case DtsTokenKind.Label:
                {
                    var labelTok = _tok;
                    Advance();
                    if (_tok.Kind is not (DtsTokenKind.LabelRef or DtsTokenKind.PathRef)) throw SyntaxError("a reference after the label");
                    var (reference, loc) = TakeRef();
                    var node = ParseNodeDef(loc);
                    if (_plugin && IsRefRelative(reference)) Error(loc, $"Label-relative reference {reference} not supported in plugin");
                    var target = LiveTree.GetByRef(root, reference, _labels);
                    if (target is null)
                    {
                        Error(loc, $"Label or path {reference} not found");
                        break;
                    }
                    target.Labels.Add(labelTok.Text!);
                    _labels.Register(labelTok.Text!, target);
                    LiveTree.Merge(target, node, _labels);
                    break;
                }
                case DtsTokenKind.PathRef:
                {
                    var (reference, loc) = TakeRef();
                    var node = ParseNodeDef(loc);
                    if (_plugin)
                    {
                        if (IsRefRelative(reference)) Error(loc, $"Label-relative reference {reference} not supported in plugin");
                        AddOrphanNode(root, node, reference);
                        break;
                    }
                    var target = LiveTree.GetByRef(root, reference, _labels);
                    if (target is null) Error(loc, $"Label or path {reference} not found");
                    else LiveTree.Merge(target, node, _labels);
                    break;
                }
                case DtsTokenKind.LabelRef:
                {
                    var (reference, loc) = TakeRef();
                    var node = ParseNodeDef(loc);
                    var target = LiveTree.GetByRef(root, reference, _labels);
                    if (target is not null) LiveTree.Merge(target, node, _labels);
                    else if (_plugin) AddOrphanNode(root, node, reference);
                    else Error(loc, $"Label or path {reference} not found");
                    break;
                }
                case DtsTokenKind.DeleteNode:
                case DtsTokenKind.OmitIfNoRef:
                {
                    var delete = _tok.Kind == DtsTokenKind.DeleteNode;
                    Advance();
                    if (_tok.Kind is not (DtsTokenKind.LabelRef or DtsTokenKind.PathRef)) throw SyntaxError("a reference");
                    var (reference, loc) = TakeRef();
                    Expect(';');
                    var target = LiveTree.GetByRef(root, reference, _labels);
                    if (target is null) Error(loc, $"Label or path {reference} not found");
                    else if (delete) LiveTree.DeleteNode(target);
                    else target.OmitIfUnused = true;
                    break;
                }
                default:
                    return root;
            }
        }
    }

    private (string Reference, SourceLocation Location) TakeRef()
    {
        var t = _tok;
        Advance();
        return (t.Text!, t.Location);
    }

    // is_ref_relative: label/path
    private static bool IsRefRelative(string reference) => !reference.StartsWith('/') && reference.Contains('/');

    // add_orphan_node: an overlay fragment targeting a reference the plugin cannot resolve
    private void AddOrphanNode(PNode root, PNode body, string reference)
    {
        var data = new PropertyData();
        string propName;
        if (reference.StartsWith('/'))
        {
            data.AddMarker(MarkerKind.TypeString, reference);
            data.AppendBytes(System.Text.Encoding.UTF8.GetBytes(reference));
            data.AppendByte(0);
            propName = "target-path";
        }
        else
        {
            data.AddMarker(MarkerKind.RefPhandle, reference);
            data.AppendInteger(0xffffffff, 32);
            propName = "target";
        }
        body.Name = "__overlay__";
        var fragment = new PNode { Name = $"fragment@{_nextOrphanFragment++}" };
        fragment.Properties.Add(new PProperty(propName, data, null));
        LiveTree.AddChild(fragment, body);
        LiveTree.AddChild(root, fragment);
    }

    // nodedef: '{' proplist subnodes '}' ';'
    private int _nodeDepth;

    private PNode ParseNodeDef(SourceLocation location)
    {
        if (++_nodeDepth > DeviceTreeLimits.MaxNodeDepth)
            throw DeviceTreeException.At(location, $"nodes nested more than {DeviceTreeLimits.MaxNodeDepth} deep");
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw DeviceTreeException.At(location, $"nodes nested too deeply for the stack ({_nodeDepth} levels)");
        try
        {
            return ParseNodeBody(location);
        }
        finally
        {
            _nodeDepth--;
        }
    }

    private PNode ParseNodeBody(SourceLocation location)
    {
        Expect('{');
        var node = new PNode { Location = location };
        var inSubnodes = false;
        while (!_tok.Is('}'))
        {
            if (_tok.Kind == DtsTokenKind.End) throw SyntaxError("'}'");
            _labelScratch.Clear();
            ReadLabelNames(_labelScratch);
            var labels = _labelScratch.Count == 0 ? NoLabels : new List<string>(_labelScratch);
            if (_tok.Kind == DtsTokenKind.PropNodeName)
            {
                var nameTok = _tok;
                Advance();
                if (_tok.Is('{'))
                {
                    inSubnodes = true;
                    AddSubnode(node, ParseNodeDef(nameTok.Location), nameTok.Text!, labels);
                    continue;
                }
                if (inSubnodes) throw DeviceTreeException.At(nameTok.Location, "Properties must precede subnodes");
                node.Properties.Add(ParsePropDef(nameTok, labels));
                continue;
            }
            if (_tok.Kind == DtsTokenKind.DeleteProperty)
            {
                var loc = _tok.Location;
                if (inSubnodes) throw DeviceTreeException.At(loc, "Properties must precede subnodes");
                Advance();
                if (_tok.Kind != DtsTokenKind.PropNodeName) throw SyntaxError("a property name");
                var name = _tok.Text!;
                Advance();
                Expect(';');
                // build_property_delete: an entry that deletes the property of that name when merged
                var p = new PProperty(name, PropertyData.Empty(), loc) { Deleted = true };
                ApplyLabels(p.Labels, labels);
                node.Properties.Add(p);
                continue;
            }
            if (_tok.Kind is DtsTokenKind.DeleteNode or DtsTokenKind.OmitIfNoRef)
            {
                inSubnodes = true;
                ParseSubnode(node, labels);
                continue;
            }
            throw SyntaxError(labels.Count > 0 ? "a property or node after the label" : "a property, a node or '}'");
        }
        Advance();
        Expect(';', "';' after '}'");
        return node;
    }

    // subnode: DT_PROPNODENAME nodedef | DT_DEL_NODE DT_PROPNODENAME ';' | DT_OMIT_NO_REF subnode | DT_LABEL subnode
    // (the grammar's recursion through DT_OMIT_NO_REF and DT_LABEL is a loop here: any number of them takes no stack)
    private PNode ParseSubnode(PNode parent, List<string> labels)
    {
        var omit = false;
        while (_tok.Kind is DtsTokenKind.Label or DtsTokenKind.OmitIfNoRef)
        {
            if (_tok.Kind == DtsTokenKind.OmitIfNoRef)
            {
                omit = true;
                Advance();
                continue;
            }
            labels = new List<string>(labels);
            ReadLabelNames(labels);
        }
        var node = ParseSubnodeBody(parent, labels);
        if (omit) node.OmitIfUnused = true;
        return node;
    }

    private PNode ParseSubnodeBody(PNode parent, List<string> labels)
    {
        switch (_tok.Kind)
        {
            case DtsTokenKind.DeleteNode:
            {
                var loc = _tok.Location;
                Advance();
                if (_tok.Kind != DtsTokenKind.PropNodeName) throw SyntaxError("a node name");
                var name = _tok.Text!;
                Advance();
                Expect(';');
                return AddSubnode(parent, new PNode { Location = loc, Deleted = true }, name, labels);
            }
            case DtsTokenKind.PropNodeName:
            {
                var nameTok = _tok;
                Advance();
                if (!_tok.Is('{')) throw SyntaxError("'{' after the node name");
                return AddSubnode(parent, ParseNodeDef(nameTok.Location), nameTok.Text!, labels);
            }
            default:
                throw SyntaxError("a node");
        }
    }

    private readonly List<string> _labelScratch = new();

    /// <summary>Shared by every unlabelled property and node: only read, never added to.</summary>
    private static readonly List<string> NoLabels = new();

    private void ReadLabelNames(List<string> names)
    {
        while (_tok.Kind == DtsTokenKind.Label)
        {
            names.Add(_tok.Text!);
            Advance();
        }
    }

    /// <summary>The grammar adds the innermost label first, each in front (add_label), so the list ends in source order.</summary>
    private static void ApplyLabels(PLabels target, List<string> names)
    {
        for (var i = names.Count - 1; i >= 0; i--) target.Add(names[i]);
    }

    private PNode AddSubnode(PNode parent, PNode child, string name, List<string> labels)
    {
        child.Name = name;
        ApplyLabels(child.Labels, labels);
        foreach (var l in labels) _labels.Register(l, child);
        LiveTree.AddChild(parent, child);
        return child;
    }

    // propdef: DT_PROPNODENAME '=' propdata ';' | DT_PROPNODENAME ';'
    private PProperty ParsePropDef(DtsToken nameTok, List<string> labels)
    {
        PropertyData value;
        if (_tok.Is(';'))
        {
            value = PropertyData.Empty();
        }
        else
        {
            Expect('=', "'=' or ';' after the property name");
            value = ParsePropData();
        }
        Expect(';', "';' after the property value");
        var p = new PProperty(nameTok.Text!, value, nameTok.Location);
        ApplyLabels(p.Labels, labels);
        return p;
    }
}
