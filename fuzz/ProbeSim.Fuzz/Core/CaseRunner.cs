using System.Diagnostics;

namespace ProbeSim.Fuzz.Core;

/// <summary>Runs one input in the current process: writes its files into the scratch directory (the current directory), runs the target there, judges the end.</summary>
public sealed class CaseRunner
{
    private readonly string _dir;
    private readonly IFuzzTarget _target;

    /// <param name="dir">The scratch directory; the process's current directory is set to it, since the argument vectors use relative paths.</param>
    public CaseRunner(string dir, IFuzzTarget target)
    {
        _dir = Path.GetFullPath(dir);
        _target = target;
        System.IO.Directory.CreateDirectory(_dir);
        System.IO.Directory.SetCurrentDirectory(_dir);
    }

    public string Directory => _dir;

    /// <summary>Standard output and error of the last run (capped).</summary>
    public string LastStdout { get; private set; } = "";
    public string LastStderr { get; private set; } = "";

    public RunVerdict Run(FuzzCase c)
    {
        CaseWriter.Write(_dir, c);
        // every time: if something removed the directory, the one just written is a new one
        System.IO.Directory.SetCurrentDirectory(_dir);
        var before = CaseWriter.Fingerprint(_dir, c);
        var stdout = new CappedWriter(256 * 1024);
        var stderr = new CappedWriter(256 * 1024);
        var args = c.Args.ToArray();
        Console.SetIn(new StringReader(c.Stdin));
        var sw = Stopwatch.StartNew();
        int code;
        try
        {
            code = _target.Run(c, args, stdout, stderr);
        }
        catch (OutOfMemoryException e)
        {
            Keep(stdout, stderr);
            var line = $"{e.GetType().Name}: {e.Message}";
            return new RunVerdict(Outcome.Memory, -1, sw.ElapsedMilliseconds, Signatures.Of(Outcome.Memory, Signatures.Command(args), "out of memory"), line);
        }
        catch (Exception e)
        {
            Keep(stdout, stderr);
            var line = $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";
            return new RunVerdict(Outcome.Exception, -1, sw.ElapsedMilliseconds, Signatures.Of(Outcome.Exception, Signatures.Command(args), line), line);
        }
        var elapsed = sw.ElapsedMilliseconds;
        Keep(stdout, stderr);
        var after = CaseWriter.Fingerprint(_dir, c);
        return Oracle.Judge(args, code, LastStderr, elapsed, before, after);
    }

    private void Keep(CappedWriter stdout, CappedWriter stderr)
    {
        LastStdout = stdout.ToString();
        LastStderr = stderr.ToString();
    }
}
