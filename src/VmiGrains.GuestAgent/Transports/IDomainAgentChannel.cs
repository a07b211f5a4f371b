using VmiGrains.Domain.Guests;

namespace VmiGrains.GuestAgent.Transports;

/// <summary>
/// The production path to a guest agent: libvirt's <c>virDomainQemuAgentCommand</c> for one domain,
/// implemented outside this project (the libvirt binding) so that this library does not depend on it.
/// libvirt does the <c>guest-sync</c> handshake and serialises access itself.
/// </summary>
public interface IDomainAgentChannel
{
    /// <summary>
    /// Sends <paramref name="json"/> and returns libvirt's result string (the whole reply object,
    /// <c>{"return": …}</c>). Map libvirt errors to results: <c>VIR_ERR_AGENT_UNRESPONSIVE</c> →
    /// <see cref="GuestAgentErrorKind.Timeout"/>; "agent is not connected"/domain not running →
    /// <see cref="GuestAgentErrorKind.NotConnected"/>; an agent command error →
    /// <see cref="GuestAgentErrorKind.CommandFailed"/> with libvirt's message.
    /// <paramref name="timeout"/> is rounded up to whole seconds for libvirt.
    /// </summary>
    Task<GuestAgentResult<string>> CommandAsync(string json, TimeSpan timeout, CancellationToken cancellationToken);
}
