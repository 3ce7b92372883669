using System.CommandLine;
using System.Text;
using ProbeSim.Cli.Output;
using ProbeSim.Cli.Parsing;
using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source.Writer;

namespace ProbeSim.Cli.Commands;

/// <summary><c>probesim dtc</c>: dtc's command line (the options the kernel build uses), plus the built-in preprocessor.</summary>
public static class DtcCommand
{
    public static Command Create(CliIo io)
    {
        var inForm = new WordOption("-I", ["dts", "dtb"], aliases: ["--in-format"]) { Description = "Input format: dts or dtb (default: guessed from the content)" };
        var outForm = new WordOption("-O", ["dts", "dtb"], aliases: ["--out-format"]) { Description = "Output format: dts or dtb (default: from the output name, else dts)" };
        var outFile = new Option<string?>("-o", "--out") { Description = "Output file (default: standard output)" };
        // dtc reads these numbers with strtol(optarg, NULL, 0): 0x hex and 0 octal as well as decimal
        var bootCpu = new WholeNumberOption<uint>("-b", 0, uint.MaxValue, ["--boot-cpu"], cStyle: true) { Description = "Boot CPU id for the blob header", HelpName = "CPU" };
        var incDirs = new Option<string[]>("-i", "--in-include") { Description = "Search directory for /include/ and /incbin/ (repeatable)" };
        var symbols = new Option<bool>("-@", "--symbols") { Description = "Add __symbols__ and give labelled nodes phandles" };
        var localFixups = new Option<bool>("-L", "--local-fixups") { Description = "Add __fixups__/__local_fixups__ even when not a plugin" };
        var autoAliases = new Option<bool>("-A", "--auto-alias") { Description = "Add an aliases entry per label" };
        var pad = new WholeNumberOption<int>("-p", 0, int.MaxValue, ["--pad"], cStyle: true) { Description = "Add N zero bytes of padding to the blob", HelpName = "N" };
        var minSize = new WholeNumberOption<int>("-S", 0, int.MaxValue, ["--space"], cStyle: true) { Description = "Make the blob at least N bytes", HelpName = "N" };
        var align = new WholeNumberOption<int>("-a", 1, 1 << 30, ["--align"], cStyle: true, valid: n => (n & (n - 1)) == 0, accepts: "a power of two from 1 to 1073741824")
            { Description = "Make the blob size a multiple of N (a power of two)", HelpName = "N" };
        var reserve = new WholeNumberOption<int>("-R", 0, int.MaxValue, ["--reserve"], cStyle: true) { Description = "Add N empty memory reservation entries", HelpName = "N" };
        var preprocess = new Option<bool>("--preprocess") { Description = "Run the built-in C preprocessor first (cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp)" };
        var cppInc = new Option<string[]>("--include-dir") { Description = "Preprocessor include directory (repeatable)" };
        var defines = new Option<string[]>("-D") { Description = "Preprocessor define NAME or NAME=VALUE (repeatable)" };
        var input = new Argument<string>("INPUT") { Description = "Input file (.dts, .dtso or .dtb; - for standard input)" };

        var cmd = new Command("dtc", "Compile or decompile a device tree, byte-identical to dtc 1.8.1")
        {
            inForm, outForm, outFile, bootCpu, incDirs, symbols, localFixups, autoAliases, pad, minSize, align, reserve,
            preprocess, cppInc, defines, input,
        };
        cmd.SetAction(pr =>
        {
            // the preprocessor's options do nothing without it
            if (!pr.GetValue(preprocess) && new Option[] { defines, cppInc }.FirstOrDefault(o => pr.GetResult(o) is { Implicit: false }) is { } cppOnly)
                return io.IoError($"{cppOnly.Name} is an option of the preprocessor; give --preprocess too");
            InputFormat? format = pr.GetValue(inForm) switch
            {
                null => InputFormat.Auto,
                "dts" => InputFormat.Dts,
                "dtb" => InputFormat.Dtb,
                _ => null,
            };
            if (format is null) return io.IoError($"unknown input format '{pr.GetValue(inForm)}' (dts or dtb)");
            var o = new LoadOptions { Preprocess = pr.GetValue(preprocess), Format = format.Value };
            o.PreprocessorIncludeDirs.AddRange(pr.GetValue(cppInc) ?? []);
            o.Defines.AddRange(pr.GetValue(defines) ?? []);
            o.Compile.IncludeDirs.AddRange(pr.GetValue(incDirs) ?? []);
            o.Compile.GenerateSymbols = pr.GetValue(symbols);
            o.Compile.GenerateFixups = pr.GetValue(localFixups);
            o.Compile.AutoLabelAliases = pr.GetValue(autoAliases);
            o.Compile.BootCpuId = pr.GetValue(bootCpu);
            var output = pr.GetValue(outFile) ?? "-";
            var outFormat = pr.GetValue(outForm) ?? GuessOutputFormat(output);
            if (outFormat is not ("dts" or "dtb")) return io.IoError($"unknown output format '{outFormat}' (dts or dtb)");
            // the blob's header and size options mean nothing to DTS output (dtc ignores them silently)
            if (outFormat == "dts" && new Option[] { bootCpu, pad, minSize, align, reserve }.FirstOrDefault(o => pr.GetResult(o) is { Implicit: false }) is { } blobOnly)
                return io.IoError($"{blobOnly.Name} shapes a blob; the output is DTS (give -O dtb, or an output name ending in .dtb)");
            if (format == InputFormat.Dtb && pr.GetValue(preprocess)) return io.IoError("--preprocess reads a source; -I dtb is a blob");
            var writeOptions = new FdtWriteOptions { PadSize = pr.GetValue(pad) ?? 0, MinSize = pr.GetValue(minSize) ?? 0, AlignSize = pr.GetValue(align) ?? 0, ReserveEntries = pr.GetValue(reserve) ?? 0 };
            return Run(io, pr.GetValue(input)!, o, output, outFormat, writeOptions);
        });
        return cmd;
    }

    // dtc: guess_type_by_name on the output name
    private static string GuessOutputFormat(string output) =>
        output.EndsWith(".dtb", StringComparison.Ordinal) || output.EndsWith(".dtbo", StringComparison.Ordinal) ? "dtb" : "dts";

    private static int Run(CliIo io, string input, LoadOptions options, string output, string outFormat, FdtWriteOptions writeOptions)
    {
        try
        {
            writeOptions.Validate();
        }
        catch (ArgumentException e)
        {
            return io.IoError(e.Message);
        }
        try
        {
            var files = new RunFiles();
            if (input != "-")
            {
                if (InputPath.Problem(input, "a device tree file") is { } problem) return io.IoError(problem);
                files.Input(input, "the input");
            }
            files.Check(("-o", output));
            var loader = new DeviceTreeLoader();
            LoadResult result;
            if (input == "-")
            {
                result = loader.LoadDtsText(StandardInput.ReadText(Console.In), "<stdin>", options);
            }
            else result = loader.Load(input, options);
            files.Input(result.Files, "a file the input includes");
            io.ReportWarnings(result.Warnings); // -q/--quiet is the global option
            var tree = result.Tree;
            if (options.Compile.BootCpuId is { } cpu) tree.BootCpuIdPhys = cpu;
            byte[] bytes = outFormat == "dtb"
                ? FdtWriter.Write(tree, writeOptions)
                : Encoding.UTF8.GetBytes(DtsWriter.Write(result.Format == InputFormat.Dtb ? DtbSourceRecovery.Recover(tree) : tree));
            if (output == "-")
            {
                if (outFormat == "dtb") io.WriteBinary(bytes);
                else io.Out.Write(Encoding.UTF8.GetString(bytes));
            }
            else files.Write("-o", output, bytes);
            return ExitCodes.Ok;
        }
        catch (DeviceTreeException e)
        {
            return io.Fail(e);
        }
        catch (IOException e)
        {
            return io.IoError(e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return io.IoError(e.Message);
        }
    }
}
