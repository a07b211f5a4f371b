using System.Diagnostics;

namespace VmiGrains.Grains.Tests.Network;

/// <summary>Runs a tool without a shell and returns what it printed.</summary>
internal static class Proc
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string program, IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish in time");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and throws with stderr when the exit code is not 0.</summary>
    public static async Task<string> CheckAsync(string program, params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(program, args);
        return code == 0 ? stdout : throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({code}): {stderr}");
    }
}
