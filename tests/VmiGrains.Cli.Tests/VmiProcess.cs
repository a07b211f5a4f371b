using System.Diagnostics;

namespace VmiGrains.Cli.Tests;

/// <summary>Runs the real <c>vmi</c> program (the built vmi.dll) as a child process.</summary>
public static class VmiProcess
{
    private static readonly string VmiDll = Path.Combine(AppContext.BaseDirectory, "vmi.dll");

    public static Task<Result> RunWithInputAsync(string? stdin, params string[] args) => RunAsync(stdin, new Dictionary<string, string>(), args);

    /// <summary>Runs vmi with <paramref name="environment"/> added to this process's environment.</summary>
    public static Task<Result> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args) => RunAsync(null, environment, args);

    private static async Task<Result> RunAsync(string? stdin, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

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
