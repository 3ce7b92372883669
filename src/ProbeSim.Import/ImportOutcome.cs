using ProbeSim.Import.Package;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import;

/// <summary>An import's result: the kernel, and when a package or reference tables were given, how far they agree.</summary>
public sealed record ImportOutcome(ImportedKernel Kernel, AgreementReport? Agreement);
