using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Cli.Parsing;

/// <summary>The checks of <c>--profile</c> and <c>--set</c> made while the command line is parsed.</summary>
public static class ProfileArguments
{
    public static void CheckProfile(string name)
    {
        var lib = ProfileLibrary.Default;
        if (name != "latest" && !lib.Profiles.Any(p => p.Name == name))
            throw new ArgumentException($"--profile takes {OptionNames.OneOf([.. lib.Profiles.Select(p => p.Name), "latest"])}, not '{name}'");
    }

    /// <summary>NAME=VALUE with a known switch and a value it takes (a list's <c>+item</c>/<c>-item</c> checked on the default profile).</summary>
    public static void CheckSet(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new ArgumentException($"--set takes NAME=VALUE (probesim profiles lists the switches), not '{text}'");
        ProfileLibrary.Default.Get(ProfileLibrary.DefaultProfile).With([new(text[..eq].Trim(), text[(eq + 1)..])]);
    }
}
