using VmiGrains.Domain.Guests;

namespace VmiGrains.GuestAgent.Transports;

/// <summary>A transport over <see cref="IDomainAgentChannel"/> (libvirt <c>virDomainQemuAgentCommand</c>).</summary>
internal sealed class DomainChannelTransport(IDomainAgentChannel channel, string vmiId) : IQgaTransport
{
    public string Describe => $"libvirt agent channel of {vmiId}";

    public Task<GuestAgentResult<string>> SendAsync(string command, TimeSpan timeout, CancellationToken cancellationToken) =>
        channel.CommandAsync(command, timeout, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
