using System.Globalization;
using System.Text;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Network;

/// <summary>
/// Compiles network policies and simulated loss into nft scripts for the table that
/// <see cref="NftTableState.Dialect"/> names (<c>inet</c> for routed taps, <c>bridge</c> for bridge
/// ports), which <c>nft -f -</c> applies as one transaction: the kernel commits the whole script or none of it, so flushing a VMI's chain
/// and re-adding its rules never leaves a moment without a policy.
/// <para>
/// Layout: base chains <c>forward</c>, <c>input</c>, <c>output</c> (policy accept) dispatch by
/// interface through verdict maps. A packet that enters the host on a VMI's tap (<c>iifname</c>)
/// comes from the VMI: its egress, chain <c>vmi_T_out</c>. A packet that leaves the host on the
/// tap (<c>oifname</c>) goes to the VMI: its ingress, chain <c>vmi_T_in</c>. VMI chains end with
/// <c>return</c> for allowed traffic (not <c>accept</c>), so traffic between two VMIs on one host
/// passes the sender's egress chain and then the receiver's ingress chain.
/// </para>
/// </summary>
public static class NftScriptCompiler
{
    /// <summary>
    /// Installs or atomically replaces <paramref name="policy"/> for <paramref name="vmiId"/> on
    /// <paramref name="taps"/>. Rules with an <c>app</c> that deny or reject are left to the guest;
    /// app rules that allow are allowed here for the whole VMI (see <see cref="GuestAppFirewallCompiler"/>).
    /// </summary>
    public static string Apply(string vmiId, IReadOnlyList<string> taps, NetworkPolicy policy, NftTableState current)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(current);
        InterfaceNames.ThrowIfInvalid(taps, "taps");
        NftMatch.ThrowIfInvalid(policy);
        var (ingress, egress) = (NftNames.IngressChain(vmiId), NftNames.EgressChain(vmiId));
        var script = new StringBuilder();
        AppendSkeleton(script, current);
        foreach (var chain in new[] { ingress, egress })
        {
            script.Append(CultureInfo.InvariantCulture, $"add chain {current.Dialect.Prefix} {chain}\n");
            script.Append(CultureInfo.InvariantCulture, $"flush chain {current.Dialect.Prefix} {chain}\n");
        }

        AppendRules(script, ingress, TrafficDirection.Ingress, policy, current.Dialect);
        AppendRules(script, egress, TrafficDirection.Egress, policy, current.Dialect);
        AppendElementSync(script, NftNames.ToVmiMap, ingress, taps, current);
        AppendElementSync(script, NftNames.FromVmiMap, egress, taps, current);
        return script.ToString();
    }

    /// <summary>
    /// Installs or replaces simulated loss of <paramref name="lossPercent"/> % (0.01 % steps) of
    /// the packets sent to the VMI, by <c>numgen random</c> in chain <c>vmi_T_shape</c>.
    /// </summary>
    public static string ApplyLoss(string vmiId, IReadOnlyList<string> taps, double lossPercent, NftTableState current)
    {
        ArgumentNullException.ThrowIfNull(current);
        InterfaceNames.ThrowIfInvalid(taps, "taps");
        if (double.IsNaN(lossPercent) || lossPercent is <= 0 or > 100)
        {
            throw new NetworkConfigurationException(new ValidationError("loss", "must be above 0 and at most 100 (percent)",
                lossPercent.ToString(CultureInfo.InvariantCulture), "pass a percentage such as 5 or 0.5"));
        }

        var chain = NftNames.ShapeChain(vmiId);
        var threshold = (int)Math.Round(lossPercent * 100, MidpointRounding.AwayFromZero);
        var script = new StringBuilder();
        AppendSkeleton(script, current);
        script.Append(CultureInfo.InvariantCulture, $"add chain {current.Dialect.Prefix} {chain}\n");
        script.Append(CultureInfo.InvariantCulture, $"flush chain {current.Dialect.Prefix} {chain}\n");
        script.Append(CultureInfo.InvariantCulture, $"add rule {current.Dialect.Prefix} {chain} numgen random mod 10000 < {threshold} counter drop comment \"loss\"\n");
        AppendElementSync(script, NftNames.ShapeToVmiMap, chain, taps, current);
        return script.ToString();
    }

    /// <summary>Removes every chain of <paramref name="vmiId"/> and the map elements jumping to them; null when none exists.</summary>
    public static string? Remove(string vmiId, NftTableState current) => RemoveChains(NftNames.ChainsOf(vmiId), current);

    /// <summary>Removes the VMI's loss chain only; null when it does not exist.</summary>
    public static string? RemoveLoss(string vmiId, NftTableState current) => RemoveChains([NftNames.ShapeChain(vmiId)], current);

    /// <summary>
    /// Removes the existing chains among <paramref name="chains"/> and every map element that
    /// jumps to them. When no VMI chain would remain, deletes the whole table instead, so an idle
    /// host holds nothing of ours. Null when there is nothing to remove.
    /// </summary>
    public static string? RemoveChains(IEnumerable<string> chains, NftTableState current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var doomed = chains.Where(current.Chains.Contains).ToHashSet(StringComparer.Ordinal);
        if (doomed.Count == 0)
        {
            return null;
        }

        var remaining = current.Chains.Count(c => c.StartsWith(NftNames.VmiChainPrefix, StringComparison.Ordinal) && !doomed.Contains(c));
        if (remaining == 0)
        {
            return $"delete table {current.Dialect.Prefix}\n";
        }

        var script = new StringBuilder();
        foreach (var map in new[] { NftNames.ToVmiMap, NftNames.FromVmiMap, NftNames.ShapeToVmiMap })
        {
            foreach (var (tap, target) in current.ElementsOf(map).OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                if (doomed.Contains(target))
                {
                    script.Append(CultureInfo.InvariantCulture, $"delete element {current.Dialect.Prefix} {map} {{ \"{tap}\" }}\n");
                }
            }
        }

        foreach (var chain in doomed.Order(StringComparer.Ordinal))
        {
            script.Append(CultureInfo.InvariantCulture, $"delete chain {current.Dialect.Prefix} {chain}\n");
        }

        return script.ToString();
    }

    private static void AppendSkeleton(StringBuilder script, NftTableState current)
    {
        if (current.HasSkeleton)
        {
            return;
        }

        script.Append(CultureInfo.InvariantCulture, $"add table {current.Dialect.Prefix}\n");
        foreach (var map in new[] { NftNames.ToVmiMap, NftNames.FromVmiMap, NftNames.ShapeToVmiMap })
        {
            script.Append(CultureInfo.InvariantCulture, $"add map {current.Dialect.Prefix} {map} {{ type ifname : verdict; }}\n");
        }

        var dispatch = new Dictionary<string, string[]>
        {
            ["forward"] = [$"iifname vmap @{NftNames.FromVmiMap}", $"oifname vmap @{NftNames.ToVmiMap}", $"oifname vmap @{NftNames.ShapeToVmiMap}"],
            ["input"] = [$"iifname vmap @{NftNames.FromVmiMap}"],
            ["output"] = [$"oifname vmap @{NftNames.ToVmiMap}", $"oifname vmap @{NftNames.ShapeToVmiMap}"],
        };
        foreach (var chain in NftNames.BaseChains.Where(c => !current.Chains.Contains(c)))
        {
            script.Append(CultureInfo.InvariantCulture, $"add chain {current.Dialect.Prefix} {chain} {{ type filter hook {chain} priority filter; policy accept; }}\n");
            foreach (var rule in dispatch[chain])
            {
                script.Append(CultureInfo.InvariantCulture, $"add rule {current.Dialect.Prefix} {chain} {rule}\n");
            }
        }
    }

    private static void AppendRules(StringBuilder script, string chain, TrafficDirection direction, NetworkPolicy policy, NftDialect dialect)
    {
        var prefix = dialect.Prefix;
        var established = dialect.Conntrack ? "ct state established,related" : "tcp flags & (syn | ack) != syn";
        script.Append(CultureInfo.InvariantCulture, $"add rule {prefix} {chain} {established} counter return comment \"established\"\n");
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var rule = policy.Rules[i];
            var path = $"$.network_policy.rules[{i}]";
            var match = NftMatch.Build(rule, path);
            if (rule.Direction != direction || (rule.App is not null && rule.Action != RuleAction.Allow))
            {
                continue;
            }

            var comment = rule.App is null ? $"rule {i}" : $"rule {i} app";
            var body = string.IsNullOrEmpty(match) ? string.Empty : match + " ";
            var verdict = rule.Action == RuleAction.Reject && !dialect.Reject ? "drop" : NftMatch.Verdict(rule, "return");
            script.Append(CultureInfo.InvariantCulture, $"add rule {prefix} {chain} {body}counter {verdict} comment \"{comment}\"\n");
        }

        var fallback = policy.Default == PolicyDefault.Allow ? "return" : "drop";
        script.Append(CultureInfo.InvariantCulture, $"add rule {prefix} {chain} counter {fallback} comment \"default\"\n");
    }

    private static void AppendElementSync(StringBuilder script, string map, string chain, IReadOnlyList<string> taps, NftTableState current)
    {
        var elements = current.ElementsOf(map);
        foreach (var (tap, target) in elements.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var stale = target == chain && !taps.Contains(tap);
            var reused = target != chain && taps.Contains(tap);
            if (stale || reused)
            {
                script.Append(CultureInfo.InvariantCulture, $"delete element {current.Dialect.Prefix} {map} {{ \"{tap}\" }}\n");
            }
        }

        foreach (var tap in taps.Where(t => !elements.TryGetValue(t, out var target) || target != chain))
        {
            script.Append(CultureInfo.InvariantCulture, $"add element {current.Dialect.Prefix} {map} {{ \"{tap}\" : jump {chain} }}\n");
        }
    }
}
