using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Hosts;
using VmiGrains.GuestAgent.Transports;

namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// The agent channel the silo uses (Grains' HypervisorAgentChannelProvider, internal there): a guest-agent
/// command through <see cref="IHypervisor.GuestAgentCommandAsync"/>, i.e. libvirt's agent channel.
/// </summary>
internal sealed class HypervisorAgentChannel(IHypervisor hypervisor, Guid uuid) : IDomainAgentChannel
{
    public async Task<GuestAgentResult<string>> CommandAsync(string json, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = await hypervisor.GuestAgentCommandAsync(uuid, json, timeout, cancellationToken);
        return reply is { Outcome: KnobOutcome.Applied, Json: { } answer }
            ? GuestAgentResult.Success(answer)
            : GuestAgentResult.Failure<string>(GuestAgentErrorKind.NotConnected, reply.Message ?? "the guest agent did not answer");
    }
}
