using VmiGrains.Domain.Guests;

namespace VmiGrains.GuestAgent.Transports;

/// <summary>The transport of a VMI nobody configured: every call is NotConnected, naming the fix.</summary>
internal sealed class UnconfiguredTransport(string vmiId) : IQgaTransport
{
    public string Describe => $"no guest-agent transport for {vmiId}";

    public Task<GuestAgentResult<string>> SendAsync(string command, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(GuestAgentResult.Failure<string>(GuestAgentErrorKind.NotConnected,
            $"{command}: VMI {vmiId} has no guest-agent transport; set VmiGrains:GuestAgent:SocketPaths:{vmiId} (or SocketPathTemplate) or register an IDomainAgentChannelProvider"));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
