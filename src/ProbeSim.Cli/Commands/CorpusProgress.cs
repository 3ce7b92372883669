using Spectre.Console;

namespace ProbeSim.Cli.Commands;

/// <summary>The progress bar of the corpus commands (only shown when <see cref="CliIo.ShowProgress"/>).</summary>
public static class CorpusProgress
{
    /// <summary>Runs <paramref name="work"/> under one progress bar of <paramref name="total"/> steps; the work calls the step action once per item (from any thread).</summary>
    public static T Run<T>(CliIo io, string description, int total, Func<Action, T> work)
    {
        T result = default!;
        io.CreateConsole().Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(description, maxValue: Math.Max(1, total));
                result = work(() => task.Increment(1));
            });
        return result;
    }
}
