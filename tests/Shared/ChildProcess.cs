using System.Diagnostics;

namespace VmiGrains.Testing;

/// <summary>Runs a child process to its end with captured output, killing it (and its children) on timeout.</summary>
internal static class ChildProcess
{
    /// <summary>Exit code, stdout and stderr; <see cref="TimeoutException"/> (with the output so far) when it outlives <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, TimeSpan timeout, string? stdin = null)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = stdin is not null;
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds} s:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
