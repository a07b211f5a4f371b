using Microsoft.Extensions.Hosting;

namespace VmiGrains.Cli.Cluster;

/// <summary>
/// The Orleans client host's lifetime in the CLI: none of its own. The generic host's default
/// (ConsoleLifetime) takes SIGINT and SIGTERM for itself — it cancels the signal and stops only the
/// client — so Ctrl-C never reached the command's cancellation and <c>vmi vm events --follow</c> kept
/// polling a stopped client. System.CommandLine handles the signals instead (the action's token).
/// </summary>
internal sealed class ClientLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
