using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Vmis;

/// <summary>What the profile sets inside the guest, re-applied when the guest comes back.</summary>
internal sealed partial class VmiGrain
{
    public async Task GuestAgentConnectedAsync(string reason)
    {
        if (_profile is null)
        {
            return;
        }

        // A rebooted guest lost its nft tables and starts its applications at nice 0 again.
        if (GuestAppFirewallCompiler.HasAppRules(_profile.NetworkPolicy) && state.State.Undo.Any(u => u.Kind == UndoKinds.GuestAppFirewall))
        {
            await TryHostAsync(async _ => NoteNetwork($"per-app network rules re-applied in the guest (nft table inet {GuestAppFirewallCompiler.Table})",
                await GuestFirewall.ApplyAppRulesAsync(Id, _profile.NetworkPolicy), reason));
        }

        if (state.State.Undo.Any(u => u.ShapingSide == ShapingSide.Guest))
        {
            await TryHostAsync(async _ => NoteNetwork("shaping re-applied inside the guest (netem)", await Network.ReapplyInGuestAsync(Id), reason));
        }

        await ApplyPrioritiesAsync(_profile.ApplicationPriorities, reason);
        await WriteAsync();
    }
}
