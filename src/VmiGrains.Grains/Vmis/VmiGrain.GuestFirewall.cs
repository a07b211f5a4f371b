using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Network;
using VmiGrains.Grains.Hosts;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// The profile's per-application network rules, enforced inside the guest through the agent (the host
/// cannot tell a guest's apps apart). Removed like every temporary change: by its undo record, on a
/// profile switch or detach.
/// </summary>
internal sealed partial class VmiGrain
{
    private IGuestAppFirewallGrain GuestFirewall => GrainFactory.GetGrain<IGuestAppFirewallGrain>(Registration.Host);

    private async Task ApplyGuestAppRulesAsync(ProfileDocument profile, string reason)
    {
        var policy = profile.NetworkPolicy;
        if (!GuestAppFirewallCompiler.HasAppRules(policy))
        {
            return;
        }

        var rules = policy.Rules.Count(r => r.App is not null);
        var apps = string.Join(", ", policy.Rules.Select(r => r.App).OfType<string>().Distinct(StringComparer.Ordinal));
        var what = $"per-app network rules in the guest (nft table inet {GuestAppFirewallCompiler.Table}): {rules} rule(s) for {apps}";

        // The undo record is durable before the guest's table exists: a switch or detach always removes it.
        await AddUndoAsync(new UndoRecord(NewUndoId(), UndoKinds.GuestAppFirewall, what, null, null, null, reason));
        await TryHostAsync(async _ => NoteNetwork($"applied {what}", await GuestFirewall.ApplyAppRulesAsync(Id, policy), reason));
    }

    private async Task RemoveGuestAppRulesAsync(string reason)
    {
        await TryHostAsync(async _ => NoteNetwork($"per-app network rules removed from the guest (nft table inet {GuestAppFirewallCompiler.Table})",
            await GuestFirewall.RemoveAppRulesAsync(Id), reason));
        await WriteAsync();
    }
}
