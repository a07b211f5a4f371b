using VmiGrains.Domain.Guests;

namespace VmiGrains.GuestAgent.Transports;

/// <summary>
/// Carries one QGA command to an agent and returns its reply line (<c>{"return": …}</c> or
/// <c>{"error": …}</c>). Transport trouble is a failed result (not connected, timeout, protocol).
/// </summary>
internal interface IQgaTransport : IAsyncDisposable
{
    /// <summary>A short description for logs and messages (the socket path, or the domain).</summary>
    string Describe { get; }

    /// <summary>Sends <paramref name="command"/> (one JSON object) and waits at most <paramref name="timeout"/> for the reply.</summary>
    Task<GuestAgentResult<string>> SendAsync(string command, TimeSpan timeout, CancellationToken cancellationToken);
}
