using System.Text.Json;
using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Network;

/// <summary>
/// Limits what a VMI sends: the tap's ingress redirected to an ifb of ours with a tbf on it
/// (<see cref="IfbCommands"/>). Refuses a tap whose ingress qdisc belongs to someone else.
/// </summary>
internal sealed class IfbRunner(HostCommandRunner runner, TcRunner tc)
{
    /// <summary>Sets the limit of what <paramref name="tap"/>'s VMI sends to <paramref name="rateKbit"/>, or removes ours (null).</summary>
    public async Task LimitAsync(string tap, long? rateKbit, CancellationToken cancellationToken)
    {
        var ifb = IfbCommands.DeviceFor(tap);
        var exists = (await ListAsync(cancellationToken)).Contains(ifb);
        if (rateKbit is not { } rate)
        {
            if (exists)
            {
                await runner.TcAsync(IfbCommands.DeleteIngress(tap), cancellationToken); // gone with the tap already: fine
                await IpAsync(IfbCommands.DeleteDevice(ifb), cancellationToken);
            }

            return;
        }

        var ingress = await runner.TcAsync(IfbCommands.ShowIngress(tap), cancellationToken);
        if (!exists && ingress.Stdout.Contains("ingress", StringComparison.Ordinal))
        {
            throw new NetworkEnforcementException(ingress.CommandLine, 0,
                $"tap {tap} has an ingress qdisc VmiGrains does not own (e.g. libvirt <bandwidth outbound>); refusing to replace it: remove the interface's outbound limit");
        }

        if (!exists)
        {
            await IpAsync(IfbCommands.AddDevice(ifb), cancellationToken);
        }

        await IpAsync(IfbCommands.Up(ifb), cancellationToken);
        await tc.ReplaceAsync(ifb, TcCommands.Replace(ifb, new ShapingSpec(null, null, null, rate))!, cancellationToken);
        if (!(await runner.TcAsync(IfbCommands.ShowRedirect(tap), cancellationToken)).Stdout.Contains(ifb, StringComparison.Ordinal))
        {
            if (!ingress.Stdout.Contains("ingress", StringComparison.Ordinal))
            {
                await TcAsync(IfbCommands.AddIngress(tap), cancellationToken);
            }

            await TcAsync(IfbCommands.Redirect(tap, ifb), cancellationToken);
        }
    }

    /// <summary>The ifb devices of ours on this host.</summary>
    public async Task<IReadOnlySet<string>> ListAsync(CancellationToken cancellationToken)
    {
        var result = await runner.IpAsync(IfbCommands.ListDevices(), cancellationToken);
        if (!result.Succeeded)
        {
            throw Failure(result, "check that ip works on this host");
        }

        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(result.Stdout) ? "[]" : result.Stdout);
        return doc.RootElement.EnumerateArray().Select(l => l.GetProperty("ifname").GetString()!)
            .Where(n => n.StartsWith(IfbCommands.DevicePrefix, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Removes an ifb of ours (its tap is gone or no longer limited).</summary>
    public Task DeleteAsync(string ifb, CancellationToken cancellationToken) => IpAsync(IfbCommands.DeleteDevice(ifb), cancellationToken);

    private async Task IpAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var result = await runner.IpAsync(args, cancellationToken);
        if (!result.Succeeded)
        {
            throw Failure(result, "this kernel needs the ifb device (CONFIG_IFB) to limit what a VMI sends");
        }
    }

    private async Task TcAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var result = await runner.TcAsync(args, cancellationToken);
        if (!result.Succeeded)
        {
            throw Failure(result, "this kernel needs the ingress qdisc, the u32 classifier and the mirred action to limit what a VMI sends");
        }
    }

    private static NetworkEnforcementException Failure(CommandResult result, string fix) =>
        new(result.CommandLine, result.ExitCode, $"{result.CommandLine} failed (exit {result.ExitCode}): {result.ErrorText}; {fix}");
}
