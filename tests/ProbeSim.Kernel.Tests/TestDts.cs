using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source;

namespace ProbeSim.Kernel.Tests;

/// <summary>Compiles a small DTS body (without the /dts-v1/ line) for a test.</summary>
internal static class TestDts
{
    public static DtTree Compile(string body) => DtsCompiler.Compile("/dts-v1/;\n" + body, "t.dts", new DtsCompileOptions()).Tree;
}
