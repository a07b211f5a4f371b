using Microsoft.Extensions.Hosting;
using VmiGrains.Domain.Hosts;
using VmiGrains.Grains.Hosts;
using VmiGrains.Grains.Vmis;

namespace VmiGrains.Grains.Hosting;

/// <summary>
/// Runs beside a silo that manages hosts: activates each host's grain once the silo is up (so a
/// restarted host re-discovers its VMIs and reconciles without waiting for a request), and turns
/// libvirt lifecycle events (define, undefine, start, stop) into re-discovery, and a guest agent that
/// connects into its VMI re-applying what the profile sets inside the guest.
/// </summary>
internal sealed partial class HostAgentService(
    IGrainFactory grains,
    IHypervisorDirectory hypervisors,
    ILogger<HostAgentService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(hypervisors.Hosts.Select(name => RunAsync(name, hypervisors.Find(name)!, stoppingToken)));

    private async Task RunAsync(string name, IHypervisor hypervisor, CancellationToken stoppingToken)
    {
        var host = grains.GetGrain<IHypervisorClusterGrain>(name);
        await ActivateAsync(name, host, stoppingToken);
        try
        {
            await foreach (var e in hypervisor.WatchLifecycleAsync(stoppingToken))
            {
                LogLifecycle(name, e.Name, e.Kind);
                if (e.Kind == LifecycleEventKind.AgentConnected)
                {
                    await grains.GetGrain<IVmiClusterGrain>(e.Uuid.ToString()).GuestAgentConnectedAsync(
                        e.Detail == 1 ? "guest agent connected (the guest started)" : "guest agent connected (its channel reconnected)");
                }
                else if (e.Kind != LifecycleEventKind.AgentDisconnected)
                {
                    await host.DiscoverAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ActivateAsync(string name, IHypervisorClusterGrain host, CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var vmis = await host.DiscoverAsync();
                LogHostActive(name, vmis.Count);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Placement needs this silo's metadata to have spread through the cluster first.
                LogRetry(name, attempt, ex.Message);
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
