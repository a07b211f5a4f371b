using System.Globalization;
using System.Text;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Network;

/// <summary>
/// Compiles the rules that name an <c>app</c> into an nft script for the guest (table
/// <c>inet vmigrains_app</c>), matching the app's sockets by cgroup (<see cref="AppCgroups"/>).
/// Composition with the host: the host cannot tell apps apart, so it allows an app-allow rule's
/// traffic for the whole VMI and leaves app deny/reject rules out; the guest then keeps rule order
/// for the apps' own traffic and, after all app rules, drops the traffic of every allow-app rule
/// from other processes — "only this app may". The script replaces the table atomically
/// (add, delete, re-create in one transaction).
/// </summary>
public static class GuestAppFirewallCompiler
{
    /// <summary>The guest table.</summary>
    public const string Table = "vmigrains_app";

    /// <summary>True when the policy has any rule with an app.</summary>
    public static bool HasAppRules(NetworkPolicy policy) => policy?.Rules.Any(r => r.App is not null) ?? false;

    /// <summary>The nft script; with no app rules it only removes the table.</summary>
    public static string Compile(NetworkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        NftMatch.ThrowIfInvalid(policy);
        var prefix = $"inet {Table}";
        var script = new StringBuilder();
        script.Append(CultureInfo.InvariantCulture, $"add table {prefix}\ndelete table {prefix}\n");
        if (!HasAppRules(policy))
        {
            return script.ToString();
        }

        script.Append(CultureInfo.InvariantCulture, $"add table {prefix}\n");
        foreach (var hook in new[] { "input", "output" })
        {
            script.Append(CultureInfo.InvariantCulture, $"add chain {prefix} {hook} {{ type filter hook {hook} priority filter; policy accept; }}\n");
            script.Append(CultureInfo.InvariantCulture, $"add rule {prefix} {hook} ct state established,related accept\n");
        }

        var exclusive = new List<string>();
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var rule = policy.Rules[i];
            if (rule.App is null)
            {
                continue;
            }

            var hook = rule.Direction == TrafficDirection.Ingress ? "input" : "output";
            var match = NftMatch.Build(rule, $"$.network_policy.rules[{i}]");
            var tail = string.IsNullOrEmpty(match) ? string.Empty : match + " ";
            var cgroup = $"socket cgroupv2 level 1 \"{AppCgroups.PathOf(rule.App)}\"";
            script.Append(CultureInfo.InvariantCulture, $"add rule {prefix} {hook} {cgroup} {tail}counter {NftMatch.Verdict(rule, "accept")} comment \"rule {i}\"\n");
            if (rule.Action == RuleAction.Allow)
            {
                exclusive.Add($"add rule {prefix} {hook} {tail}counter drop comment \"rule {i} other apps\"\n");
            }
        }

        exclusive.ForEach(line => script.Append(line));
        return script.ToString();
    }

    /// <summary>The guest commands, in order: create each app's cgroup, then load the script.</summary>
    public static IReadOnlyList<GuestCommand> Commands(NetworkPolicy policy, string cgroupRoot = AppCgroups.DefaultRoot, string nftPath = "/usr/sbin/nft")
    {
        var script = Compile(policy);
        var commands = policy.Rules.Where(r => r.App is not null).Select(r => r.App!).Distinct(StringComparer.Ordinal)
            .Select(app => AppCgroups.Create(app, cgroupRoot)).ToList();
        commands.Add(new GuestCommand(nftPath, ["-f", "-"], script));
        return commands;
    }
}
