using Microsoft.Extensions.Options;
using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Network;

/// <summary>
/// Reads and changes the <c>inet|bridge vmigrains</c> table (by <see cref="NetworkOptions.TapAttachment"/>)
/// through the nft binary. For the bridge table it asks the kernel once, with <c>nft --check</c> (nothing
/// is committed), whether <c>ct state</c> and <c>reject</c> work there (<see cref="NftDialect"/>).
/// </summary>
internal sealed class NftRunner(HostCommandRunner runner, IOptions<NetworkOptions> options)
{
    private readonly Lazy<Task<NftDialect>> _dialect = new(() => ProbeAsync(runner, options.Value.TapAttachment));

    /// <summary>The table in use and what the kernel supports in it (probed once per process).</summary>
    public Task<NftDialect> GetDialectAsync(CancellationToken cancellationToken) => _dialect.Value.WaitAsync(cancellationToken);

    /// <summary>The table's current state; empty when it does not exist.</summary>
    public async Task<NftTableState> ReadStateAsync(CancellationToken cancellationToken)
    {
        var dialect = await GetDialectAsync(cancellationToken);
        var result = await runner.NftAsync(["-j", "list", "table", dialect.Family, NftNames.Table], null, cancellationToken);
        if (result.Succeeded)
        {
            return NftJson.ParseTable(result.Stdout, dialect);
        }

        if (result.Stderr.Contains("No such file or directory", StringComparison.Ordinal))
        {
            return NftTableState.Empty with { Dialect = dialect };
        }

        throw new NetworkEnforcementException(result.CommandLine, result.ExitCode,
            $"{result.CommandLine} failed (exit {result.ExitCode}): {result.ErrorText}; check that nftables works on this host (nft list ruleset)");
    }

    /// <summary>Applies <paramref name="script"/> as one transaction: all of it or nothing.</summary>
    public async Task ApplyAsync(string script, CancellationToken cancellationToken)
    {
        var result = await runner.NftAsync(["-f", "-"], script, cancellationToken);
        if (!result.Succeeded)
        {
            throw new NetworkEnforcementException(result.CommandLine, result.ExitCode,
                $"{result.CommandLine} rejected the script (exit {result.ExitCode}): {result.ErrorText}; nothing was changed (one transaction). " +
                "If the kernel lacks an nft feature (ct, reject, numgen) enable it, else report the script: " + FirstLines(script));
        }
    }

    /// <summary>The counters of the rules in <paramref name="chain"/>; empty when the chain does not exist.</summary>
    public async Task<IReadOnlyList<NetworkRuleCounter>> CountersAsync(string chain, CancellationToken cancellationToken)
    {
        var dialect = await GetDialectAsync(cancellationToken);
        var result = await runner.NftAsync(["-j", "list", "chain", dialect.Family, NftNames.Table, chain], null, cancellationToken);
        return result.Succeeded ? NftJson.ParseCounters(result.Stdout) : [];
    }

    private static async Task<NftDialect> ProbeAsync(HostCommandRunner runner, string attachment)
    {
        if (attachment == TapAttachments.Routed)
        {
            return NftDialect.Inet;
        }

        return NftDialect.Bridge(await AcceptsAsync(runner, "ct state established accept"), await AcceptsAsync(runner, "tcp dport 9 reject with tcp reset"));
    }

    /// <summary>Whether the kernel takes <paramref name="rule"/> in a bridge base chain (checked, never committed).</summary>
    private static async Task<bool> AcceptsAsync(HostCommandRunner runner, string rule)
    {
        const string probe = $"{NftNames.BridgeFamily} {NftNames.Table}_probe";
        var script = $"add table {probe}\nadd chain {probe} c {{ type filter hook input priority filter; policy accept; }}\nadd rule {probe} c {rule}\n";
        return (await runner.NftAsync(["--check", "-f", "-"], script, CancellationToken.None)).Succeeded;
    }

    private static string FirstLines(string script) => string.Join(" | ", script.Split('\n').Take(4));
}
