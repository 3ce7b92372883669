using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source.Writer;

/// <summary>Adds markers to a model property's list the way dtc's <c>property_add_marker</c> does.</summary>
public static class MarkerListExtensions
{
    // property_add_marker / add_marker from the list head: sorted, type marker first at an offset, no duplicates
    public static void AddMarkerLikeDtc(this DtProperty property, MarkerKind kind, int offset, string? reference)
    {
        var list = property.Markers;
        var i = 0;
        while (i < list.Count && list[i].Offset < offset) i++;
        if (i < list.Count && list[i].Offset == offset && list[i].IsType)
        {
            if (kind <= MarkerKind.TypeString) return;
            i++;
        }
        if (i < list.Count && list[i].Offset == offset && list[i].Kind == kind) return;
        list.Insert(i, new Marker(offset, kind, reference));
    }
}
