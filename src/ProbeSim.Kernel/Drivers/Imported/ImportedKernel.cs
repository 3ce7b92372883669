namespace ProbeSim.Kernel.Drivers.Imported;

/// <summary>One input of an import (source tarball, config, binary package) with its version and SHA-256.</summary>
public sealed record ImportInput(string Role, string Name, string? Version, string? Sha256);

/// <summary>How a driver-set directory was made: format version, kernel release, the inputs and the command line.</summary>
public sealed record ImportManifest
{
    /// <summary>The driver-set format this directory is in (docs/kernel/driver-set-format.md).</summary>
    public required int FormatVersion { get; init; }
    /// <summary>The kernel release the source says (<c>6.1.192</c>), and the package release when given (<c>6.1.0-56-arm64</c>).</summary>
    public required string KernelVersion { get; init; }
    public string? Release { get; init; }
    public required string Arch { get; init; }
    public IReadOnlyList<ImportInput> Inputs { get; init; } = Array.Empty<ImportInput>();
    public required string Command { get; init; }
    public required string Generator { get; init; }
}

/// <summary>Everything an import recorded about one kernel; immutable.</summary>
public sealed record ImportedKernel
{
    public required ImportManifest Manifest { get; init; }
    public IReadOnlyList<ImportedDriver> Drivers { get; init; } = Array.Empty<ImportedDriver>();
    public IReadOnlyList<ImportedMatch> Matches { get; init; } = Array.Empty<ImportedMatch>();
    public IReadOnlyList<ProbePlan> Plans { get; init; } = Array.Empty<ProbePlan>();
    public IReadOnlyList<ImportedEarlyInit> EarlyInits { get; init; } = Array.Empty<ImportedEarlyInit>();
    public IReadOnlyList<ImportedUnknown> Unknowns { get; init; } = Array.Empty<ImportedUnknown>();
}
