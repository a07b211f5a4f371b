using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Hosts;
using VmiGrains.GuestAgent.Transports;

namespace VmiGrains.Grains.Hosting;

/// <summary>
/// The production guest-agent path: commands go through libvirt (<c>virDomainQemuAgentCommand</c>) on
/// the connection of the host that runs the domain. Used for every VMI that has no unix socket configured.
/// </summary>
internal sealed class HypervisorAgentChannelProvider(IHypervisorDirectory hypervisors) : IDomainAgentChannelProvider
{
    public IDomainAgentChannel? GetChannel(string vmiId) =>
        Guid.TryParse(vmiId, out var uuid) && hypervisors.ForDomain(uuid) is { } hypervisor ? new Channel(hypervisor, uuid) : null;

    private sealed class Channel(IHypervisor hypervisor, Guid uuid) : IDomainAgentChannel
    {
        public async Task<GuestAgentResult<string>> CommandAsync(string json, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var reply = await hypervisor.GuestAgentCommandAsync(uuid, json, timeout, cancellationToken);
            return reply.Outcome switch
            {
                KnobOutcome.Applied when reply.Json is { } answer => GuestAgentResult.Success(answer),
                KnobOutcome.Unsupported => GuestAgentResult.Failure<string>(GuestAgentErrorKind.NotConnected,
                    $"this host's libvirt driver has no guest-agent path ({reply.Message}); configure VmiGrains:GuestAgent:SocketPaths for this VMI or use the qemu driver"),
                _ when reply.Message?.Contains("not responding", StringComparison.OrdinalIgnoreCase) == true =>
                    GuestAgentResult.Failure<string>(GuestAgentErrorKind.Timeout, reply.Message),
                _ => GuestAgentResult.Failure<string>(GuestAgentErrorKind.NotConnected, reply.Message ?? "the guest agent did not answer"),
            };
        }
    }
}
