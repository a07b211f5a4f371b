using System.Diagnostics;

namespace VmiGrains.Cli.Tests;

/// <summary>Runs the real <c>vmi</c> program (the built vmi.dll) as a child process.</summary>
public static class VmiProcess
{
    private static readonly string VmiDll = Path.Combine(AppContext.BaseDirectory, "vmi.dll");

    public static async Task<Result> RunWithInputAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(VmiDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var (code, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60), stdin ?? string.Empty);
        return new Result(code, stdout, stderr);
    }

    public static Task<Result> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
