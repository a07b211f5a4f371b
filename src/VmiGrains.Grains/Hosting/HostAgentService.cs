using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Domain.Hosts;
using VmiGrains.Grains.Hosts;

namespace VmiGrains.Grains.Hosting;

/// <summary>
/// Runs beside a silo that manages a host: activates the host's grain once the silo is up (so a
/// restarted host re-discovers its VMIs and reconciles without waiting for a request), and turns
/// libvirt lifecycle events (define, undefine, start, stop) into re-discovery.
/// </summary>
internal sealed partial class HostAgentService(
    IGrainFactory grains,
    IHypervisor hypervisor,
    IOptions<HostManagementOptions> options,
    ILogger<HostAgentService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(options.Value.Name))
        {
            return;
        }

        var host = grains.GetGrain<IHypervisorGrain>(options.Value.Name);
        await ActivateAsync(host, stoppingToken);
        try
        {
            await foreach (var e in hypervisor.WatchLifecycleAsync(stoppingToken))
            {
                LogLifecycle(options.Value.Name, e.Name, e.Kind);
                await host.DiscoverAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ActivateAsync(IHypervisorGrain host, CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var vmis = await host.DiscoverAsync();
                LogHostActive(options.Value.Name!, vmis.Count);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Placement needs this silo's metadata to have spread through the cluster first.
                LogRetry(options.Value.Name!, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host} is active with {Vmis} VMI(s)")]
    private partial void LogHostActive(string host, int vmis);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host} not active yet (attempt {Attempt}): {Error}")]
    private partial void LogRetry(string host, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host}: domain {Domain} {Kind}; re-discovering")]
    private partial void LogLifecycle(string host, string domain, LifecycleEventKind kind);
}
