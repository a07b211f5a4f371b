using System.Diagnostics;

namespace VmiGrains.Grains.Tests.Network;

/// <summary>Runs a tool without a shell and returns what it printed.</summary>
internal static class Proc
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string program, IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // stdin is always redirected and closed, so a tool never waits on the test host's stdin
        return await ChildProcess.RunAsync(start, timeout ?? TimeSpan.FromSeconds(30), stdin ?? string.Empty);
    }

    /// <summary>Runs and throws with stderr when the exit code is not 0.</summary>
    public static async Task<string> CheckAsync(string program, params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(program, args);
        return code == 0 ? stdout : throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({code}): {stderr}");
    }
}
