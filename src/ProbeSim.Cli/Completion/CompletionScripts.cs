namespace ProbeSim.Cli.Completion;

/// <summary>
/// Shell completion scripts. Each asks probesim itself for the candidates through System.CommandLine's suggest
/// directive, <c>probesim "[suggest:POSITION]" "COMMAND LINE"</c> (one candidate per line; POSITION is the cursor
/// offset in COMMAND LINE; empty lines mean nothing), keeps those that start with the word being completed, and
/// falls back to file names when there is none (board files, output files).
/// </summary>
public static class CompletionScripts
{
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "fish", "powershell"];

    /// <summary>The script for <paramref name="shell"/>, or null for a shell not in <see cref="Shells"/>.</summary>
    public static string? For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        "powershell" => PowerShell,
        _ => null,
    };

    public const string Bash = """
        # bash completion for probesim; load it with:  source <(probesim completion bash)
        _probesim_complete()
        {
            local cmd="${COMP_WORDS[0]}"
            [[ $cmd == "~/"* ]] && cmd="$HOME/${cmd#\~/}"
            local IFS=$'\n'
            local candidates
            candidates=$("$cmd" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) || return 0
            COMPREPLY=($(compgen -W "$candidates" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _probesim_complete probesim

        """;

    public const string Zsh = """
        #compdef probesim
        # zsh completion for probesim; load it with:  source <(probesim completion zsh)
        _probesim()
        {
            local line="${(j: :)words[1,CURRENT]}"
            local -a candidates
            candidates=("${(@f)$(${words[1]} "[suggest:${#line}]" "$line" 2>/dev/null)}")
            candidates=(${candidates:#})
            if (( ${#candidates} )); then
                compadd -- $candidates
            else
                _files
            fi
        }
        compdef _probesim probesim

        """;

    public const string Fish = """
        # fish completion for probesim; load it with:  probesim completion fish | source
        function __probesim_complete
            set -l line (commandline -cp)
            set -l candidates (probesim "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null | string match -r -- '.+')
            if test (count $candidates) -gt 0
                printf '%s\n' $candidates
            else
                __fish_complete_path (commandline -ct)
            end
        end
        complete -c probesim -f -a '(__probesim_complete)'

        """;

    public const string PowerShell = """
        # PowerShell completion for probesim; load it with:  probesim completion powershell | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName probesim -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $position = $cursorPosition - $commandAst.Extent.StartOffset
            $line = $commandAst.ToString().PadRight($position)
            & probesim "[suggest:$position]" "$line" 2>$null | Where-Object { $_ -and $_.StartsWith($wordToComplete) } | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
