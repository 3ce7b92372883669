using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>
/// The preprocessed text (with GCC-style line markers), the files included (each once, in order of first inclusion,
/// spelled as in the markers), and the warnings (#warning, macro redefinitions).
/// </summary>
public sealed record PreprocessResult(string Text, IReadOnlyList<string> IncludedFiles, IReadOnlyList<Diagnostic> Warnings);
