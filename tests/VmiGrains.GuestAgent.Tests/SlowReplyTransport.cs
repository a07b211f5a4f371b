using VmiGrains.Domain.Guests;
using VmiGrains.GuestAgent.Transports;

namespace VmiGrains.GuestAgent.Tests;

/// <summary>
/// The real unix-socket transport with a delay added after the agent answered one kind of command:
/// what a busy agent, channel or network does to a reply. Everything still goes to the real qemu-ga.
/// </summary>
internal sealed class SlowReplyTransport(IQgaTransport inner, string slowCommand, TimeSpan delay) : IQgaTransport
{
    public string Describe => inner.Describe;

    public async Task<GuestAgentResult<string>> SendAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = await inner.SendAsync(command, timeout, cancellationToken);
        if (command.Contains($"\"{slowCommand}\"", StringComparison.Ordinal))
        {
            await Task.Delay(delay, cancellationToken);
        }

        return reply;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
