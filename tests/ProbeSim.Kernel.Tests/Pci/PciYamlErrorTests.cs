using ProbeSim.Kernel.Pci;
using static ProbeSim.Kernel.Tests.Pci.PciTestSupport;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>Every topology YAML error names file, line and column (1-based) of the offending key or value.</summary>
public class PciYamlErrorTests
{
    private static void AssertAt(PciTopologyException e, int line, int column, string reasonPart)
    {
        Assert.Equal("test.yaml", e.File);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(reasonPart, e.Reason, StringComparison.Ordinal);
        Assert.Equal($"test.yaml:{line}:{column}: error: {e.Reason}", e.Message);
    }

    [Fact]
    public void UnknownDeviceKey_ListsExpectedKeys()
    {
        var e = YamlError("""
            pci:
              devices:
                - slot: 00.0
                  colour: red
            """);
        AssertAt(e, 4, 7, "unknown key 'colour' in a device; expected one of: slot, type, id, subsystem-vendor, subsystem-device, class, multifunction, acs,");
    }

    [Fact]
    public void UnknownTopLevelKey() =>
        AssertAt(YamlError("pci:\n  domian: 1\n"), 2, 3, "unknown key 'domian' in pci; expected one of: host, domain");

    [Theory]
    [InlineData("20.0")]
    [InlineData("1.8")]
    [InlineData("0g.0")]
    [InlineData("00:01.0")]
    public void BadSlot(string slot) =>
        AssertAt(YamlError($"pci:\n  devices:\n    - {{ slot: \"{slot}\" }}\n"), 3, 15, "slot must be DD.F");

    [Fact]
    public void MissingSlot() =>
        AssertAt(YamlError("pci:\n  devices:\n    - { class: 0x020000 }\n"), 3, 7, "needs 'slot'");

    [Fact]
    public void DuplicateSlot_PointsAtSecondAndNamesFirst()
    {
        var e = YamlError("pci:\n  devices:\n    - { slot: 01.0 }\n    - { slot: 1.0 }\n");
        AssertAt(e, 4, 15, "duplicate slot 01.0 on this bus (first at test.yaml:3:15)");
    }

    [Fact]
    public void BelowOnNonBridge_PointsAtBelowKey()
    {
        var e = YamlError("""
            pci:
              devices:
                - slot: 01.0
                  class: 0x020000
                  below:
                    - { slot: 00.0 }
            """);
        AssertAt(e, 5, 7, "'below' on 01.0, a rciep, which is not a bridge");
    }

    [Fact]
    public void BadHexId() =>
        AssertAt(YamlError("pci:\n  devices:\n    - { slot: 00.0, id: \"80g6:10d3\" }\n"), 3, 25, "id vendor must be hex");

    [Fact]
    public void IdWithoutColon() =>
        AssertAt(YamlError("pci:\n  devices:\n    - { slot: 00.0, id: \"8086\" }\n"), 3, 25, "id must be vendor:device");

    [Fact]
    public void BadHexClass() =>
        AssertAt(YamlError("pci:\n  devices:\n    - slot: 00.0\n      class: 0x1234567\n"), 4, 14, "class must be hex with at most 6 digits");

    [Fact]
    public void UnknownType() =>
        AssertAt(YamlError("pci:\n  devices:\n    - { slot: 00.0, type: switch }\n"), 3, 27, "unknown type 'switch'; expected one of: host-bridge, root-port");

    [Fact]
    public void UnknownAcsFlag() =>
        AssertAt(YamlError("pci:\n  devices:\n    - { slot: 00.0, type: root-port, acs: [SV, XX] }\n"), 3, 48, "unknown ACS flag 'XX'");

    [Fact]
    public void AcsAndAcsCapTogether() =>
        AssertAt(YamlError("pci:\n  devices:\n    - { slot: 00.0, acs: [SV], acs-cap: [SV] }\n"), 3, 41, "either 'acs' or 'acs-cap'/'acs-ctrl'");

    [Fact]
    public void UnknownQuirk() =>
        AssertAt(YamlError("pci:\n  devices:\n    - { slot: 00.0, quirks: [fast] }\n"), 3, 30, "unknown quirk 'fast'");

    [Fact]
    public void BadBool() =>
        AssertAt(YamlError("pci:\n  devices:\n    - { slot: 00.0, external-facing: maybe }\n"), 3, 38, "external-facing must be true or false");

    [Fact]
    public void SecondaryWithoutSubordinate() =>
        AssertAt(YamlError("pci:\n  devices:\n    - { slot: 01.0, type: root-port, secondary: 3 }\n"), 3, 49, "give both 'secondary' and 'subordinate'");

    [Fact]
    public void DeviceOtherThanZeroBelowRootPort()
    {
        var e = YamlError("pci:\n  devices:\n    - { slot: 01.0, type: root-port, below: [{ slot: 02.0 }] }\n");
        AssertAt(e, 3, 54, "device 02 below root-port 01.0 would not be enumerated");
    }

    [Fact]
    public void FunctionWithoutFunctionZero() =>
        AssertAt(YamlError("pci:\n  devices:\n    - { slot: 03.2 }\n"), 3, 15, "function 03.2 has no function 0 in its slot");

    [Fact]
    public void ExplicitlySingleFunctionWithSiblings()
    {
        var e = YamlError("pci:\n  devices:\n    - { slot: 03.0, multifunction: false }\n    - { slot: 03.1 }\n");
        AssertAt(e, 3, 36, "function 03.0 is not multifunction, so 03.1 would not be scanned");
    }

    [Fact]
    public void BusNumberConflict()
    {
        var e = YamlError("""
            pci:
              devices:
                - { slot: 01.0, type: root-port, secondary: 1, subordinate: 1 }
                - { slot: 02.0, type: root-port, secondary: 1, subordinate: 1 }
            """);
        AssertAt(e, 4, 49, "bus 01 behind 0000:00:02.0 is already in use (behind 0000:00:01.0)");
    }

    [Fact]
    public void AcsQuirkWithoutProvides() =>
        AssertAt(YamlError("pci:\n  acs-quirks:\n    - { id: \"8086:*\" }\n"), 3, 7, "needs 'provides'");

    [Fact]
    public void InvalidYamlSyntax_HasPosition()
    {
        var e = YamlError("pci:\n  devices:\n    - { slot: 00.0\n");
        Assert.Equal("test.yaml", e.File);
        Assert.True(e.Line >= 3, e.Message);
        Assert.StartsWith("invalid YAML", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DevicesMustBeAList() =>
        AssertAt(YamlError("pci:\n  devices: { slot: 00.0 }\n"), 2, 12, "devices must be a list");
}
