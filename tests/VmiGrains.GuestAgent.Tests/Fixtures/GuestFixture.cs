using VmiGrains.Testing;

namespace VmiGrains.GuestAgent.Tests.Fixtures;

/// <summary>One shared guest for a test class whose tests do not stop the agent.</summary>
public sealed class GuestFixture : IAsyncLifetime
{
    private QemuGuestAgentGuest? _guest;

    public QemuGuestAgentGuest Guest => _guest ?? throw new InvalidOperationException("the guest is not started");

    public async Task InitializeAsync() => _guest = await QemuGuestAgentGuest.StartAsync();

    public async Task DisposeAsync()
    {
        if (_guest is not null)
        {
            await _guest.DisposeAsync();
        }
    }
}
