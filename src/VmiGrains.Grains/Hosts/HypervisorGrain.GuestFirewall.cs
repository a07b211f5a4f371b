using System.Text;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Network;
using GuestCommand = VmiGrains.Domain.Network.GuestCommand;

namespace VmiGrains.Grains.Hosts;

/// <summary>Per-app rules inside the guest: the compiler's commands, run in order through the guest agent.</summary>
internal sealed partial class HypervisorGrain : IGuestAppFirewallGrain
{
    private static readonly TimeSpan GuestFirewallTimeout = TimeSpan.FromSeconds(30);

    public Task<string?> ApplyAppRulesAsync(string vmiId, NetworkPolicy policy) =>
        RunInGuestAsync(vmiId, GuestAppFirewallCompiler.Commands(policy));

    public Task<string?> RemoveAppRulesAsync(string vmiId) =>
        RunInGuestAsync(vmiId, GuestAppFirewallCompiler.Commands(NetworkPolicy.AllowAll));

    private async Task<string?> RunInGuestAsync(string vmiId, IReadOnlyList<GuestCommand> commands)
    {
        var agent = agents.GetAgent(vmiId);
        foreach (var command in commands)
        {
            var request = new ExecRequest(command.Path, command.Args)
            {
                Input = command.Stdin is null ? null : Encoding.UTF8.GetBytes(command.Stdin),
                Timeout = GuestFirewallTimeout,
            };
            var result = await agent.RunAsync(request);
            var problem = !result.IsSuccess ? result.Error.ToString()
                : !result.Value.Succeeded ? $"{command.Path} {string.Join(' ', command.Args)} exited {result.Value.ExitCode}{(result.Value.TimedOut ? " (timed out)" : string.Empty)}: {result.Value.StdErr.Trim()}"
                : null;
            if (problem is not null)
            {
                LogGuestFirewallFailed(HostName, vmiId, problem);
                return $"in the guest: {problem}";
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host}: per-app rules in the guest of {VmiId} failed: {Error}")]
    private partial void LogGuestFirewallFailed(string host, string vmiId, string error);
}
