using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace VmiGrains.Grains.Network;

/// <summary>
/// Runs nft and tc as child processes with an argument list (never through a shell), feeding
/// stdin and capturing stdout/stderr; with <see cref="NetworkOptions.NetworkNamespace"/> set,
/// prefixes <c>ip netns exec NAME</c>.
/// </summary>
internal sealed class HostCommandRunner(IOptions<NetworkOptions> options)
{
    private readonly NetworkOptions _options = options.Value;

    public Task<CommandResult> NftAsync(IReadOnlyList<string> args, string? stdin, CancellationToken cancellationToken) =>
        RunAsync(_options.NftPath, args, stdin, cancellationToken);

    public Task<CommandResult> TcAsync(IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        RunAsync(_options.TcPath, args, null, cancellationToken);

    public Task<CommandResult> IpAsync(IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        RunAsync(_options.IpPath, args, null, cancellationToken);

    private async Task<CommandResult> RunAsync(string program, IReadOnlyList<string> args, string? stdin, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_options.NetworkNamespace is { } ns)
        {
            start.FileName = _options.IpPath;
            foreach (var arg in new[] { "netns", "exec", ns, program })
            {
                start.ArgumentList.Add(arg);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var commandLine = string.Join(' ', [start.FileName, .. start.ArgumentList]);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CommandTimeout);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new NetworkEnforcementException(commandLine, -1,
                $"{commandLine}: cannot start {start.FileName} ({e.Message}); install it or fix {NetworkOptions.SectionName} paths");
        }

        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin.AsMemory(), timeout.Token);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            return new CommandResult(commandLine, process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new NetworkEnforcementException(commandLine, -1,
                $"{commandLine}: did not finish within {_options.CommandTimeout} and was killed; check the host's netfilter state or raise {NetworkOptions.SectionName}:CommandTimeout");
        }
    }
}
