using System.CommandLine;
using System.Globalization;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Cli.Cluster;
using VmiGrains.Cli.Output;

namespace VmiGrains.Cli.Commands;

/// <summary><c>vmi host list</c> and <c>vmi host simulate</c>.</summary>
internal static class HostCommands
{
    public static Command Create()
    {
        var host = new Command("host", "Hypervisor hosts of the cluster.");
        var list = new Command("list", "List hosts: whether their silo answers, capacity, VMIs, rebalances, knobs the driver cannot set, knobs set that have no effect on the host (see vmi vm show for why), what enforces interface bandwidth, and domains left alone because another host has their UUID.");
        ClusterAction.Set(list, async (result, client, io) =>
        {
            var hosts = await client.GetGrain<IFleetGrain>(GrainKeys.Default).ListHostsAsync();
            if (GlobalOptions.IsJson(result))
            {
                JsonOutput.Write(io.Output, hosts);
                return ExitCodes.Ok;
            }

            Table.Write(io.Output, ["HOST", "STATUS", "CPUS", "MEMORY", "VMIS", "REBALANCES", "LAST REBALANCE", "UNSUPPORTED", "NO EFFECT", "BANDWIDTH BY", "CONFLICTS"],
                hosts.Select(h => new[]
                {
                    h.Name, h.Available ? "up" : "DOWN", h.LogicalCpus.ToString(CultureInfo.InvariantCulture),
                    $"{h.MemoryKiB / 1024 / 1024} GiB", h.Vmis.ToString(CultureInfo.InvariantCulture), h.Rebalances.ToString(CultureInfo.InvariantCulture),
                    h.LastRebalance?.ToString("u", CultureInfo.InvariantCulture), h.UnsupportedKnobs.Count == 0 ? "-" : string.Join(",", h.UnsupportedKnobs),
                    h.NoEffectKnobs is { Count: > 0 } n ? string.Join(",", n) : "-",
                    h.BandwidthEnforcement.Count == 0 ? "-" : string.Join("; ", h.BandwidthEnforcement),
                    h.IdentityConflicts.Count == 0 ? "-" : string.Join("; ", h.IdentityConflicts),
                }));
            return ExitCodes.Ok;
        });
        host.Subcommands.Add(list);
        host.Subcommands.Add(SimulateCommand.Create());
        return host;
    }
}
