using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Gen;

/// <summary>Fills one input of its kind: files, argument vector, standard input, and which files the run reads.</summary>
public interface ICaseGenerator
{
    void Fill(Rng rng, FuzzCase c);
}
