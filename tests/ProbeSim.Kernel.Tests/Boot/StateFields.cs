using System.Reflection;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>
/// The fields of the kernel's state-owning types as the digest and fork guard tests walk them: every instance field
/// declared in the type or a base type of the Kernel assembly, by the name its DigestFields list uses.
/// </summary>
internal static class StateFields
{
    private const BindingFlags Declaring = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
    public static readonly Assembly KernelAssembly = typeof(ProbeSim.Kernel.Boot.Kernel).Assembly;

    /// <summary>The name a field goes by in a DigestFields list: a property's backing field by the property's name.</summary>
    public static string Declared(FieldInfo f) => f.Name.StartsWith('<') ? f.Name[1..f.Name.IndexOf('>')] : f.Name;

    /// <summary>The type's instance fields, its Kernel-assembly base types' included.</summary>
    public static IEnumerable<FieldInfo> InstanceFields(Type t)
    {
        for (var b = t; b is not null && b.Assembly == KernelAssembly; b = b.BaseType)
            foreach (var f in b.GetFields(Declaring)) yield return f;
    }

    /// <summary>The names each state-owning type lists as digested (Kernel.DigestParts).</summary>
    public static Dictionary<Type, HashSet<string>> DigestedByType() =>
        ProbeSim.Kernel.Boot.Kernel.DigestParts.GroupBy(p => p.Type).ToDictionary(g => g.Key, g => g.SelectMany(p => p.Digested).ToHashSet());
}
