namespace VmiGrains.Grains.Network;

/// <summary>What a finished host command returned.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The first stderr lines, for error messages.</summary>
    public string ErrorText => string.Join(" | ", Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(6));
}
