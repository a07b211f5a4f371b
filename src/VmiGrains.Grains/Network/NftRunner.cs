using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Network;

/// <summary>Reads and changes the <c>inet vmigrains</c> table through the nft binary.</summary>
internal sealed class NftRunner(HostCommandRunner runner)
{
    /// <summary>The table's current state; <see cref="NftTableState.Empty"/> when it does not exist.</summary>
    public async Task<NftTableState> ReadStateAsync(CancellationToken cancellationToken)
    {
        var result = await runner.NftAsync(["-j", "list", "table", NftNames.Family, NftNames.Table], null, cancellationToken);
        if (result.Succeeded)
        {
            return NftJson.ParseTable(result.Stdout);
        }

        if (result.Stderr.Contains("No such file or directory", StringComparison.Ordinal))
        {
            return NftTableState.Empty;
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
    public async Task<IReadOnlyList<NftRuleCounter>> CountersAsync(string chain, CancellationToken cancellationToken)
    {
        var result = await runner.NftAsync(["-j", "list", "chain", NftNames.Family, NftNames.Table, chain], null, cancellationToken);
        return result.Succeeded ? NftJson.ParseCounters(result.Stdout) : [];
    }

    private static string FirstLines(string script) => string.Join(" | ", script.Split('\n').Take(4));
}
