using System.CommandLine;
using System.CommandLine.Completions;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Cli.Cluster;

namespace VmiGrains.Cli.Completion;

/// <summary>
/// Completion sources that ask the cluster named by <c>--gateway</c>/<c>--redis</c> for VMI names and
/// profile ids. A tab press must never hang the shell: the whole lookup has a short budget and any
/// failure (cluster down, bad option) completes nothing.
/// </summary>
internal static class ClusterCompletions
{
    /// <summary>The environment variable that overrides <see cref="Budget"/> (seconds, 0.1..60).</summary>
    public const string BudgetVariable = "VMIGRAINS_COMPLETION_TIMEOUT";

    /// <summary>
    /// How long one completion may spend connecting and asking; the shell waits this long at most.
    /// 3 s, or <see cref="BudgetVariable"/> for a slow link to the cluster. A value that is not a number
    /// in range is ignored: a tab press has nowhere to report it.
    /// </summary>
    public static readonly TimeSpan Budget =
        double.TryParse(Environment.GetEnvironmentVariable(BudgetVariable), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0.1 and <= 60
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(3);

    /// <summary>Completes VMI names (and UUIDs when the word looks like one) for <paramref name="argument"/>.</summary>
    public static Argument<string> WithVmiNames(this Argument<string> argument)
    {
        argument.CompletionSources.Add(context => Ask(context, async client =>
        {
            var vmis = await client.GetGrain<IFleetGrain>(GrainKeys.Default).ListVmisAsync();
            return vmis.Select(v => v.Name).Concat(vmis.Select(v => v.VmiId));
        }));
        return argument;
    }

    /// <summary>Completes profile ids for <paramref name="symbol"/>'s values.</summary>
    public static T WithProfileIds<T>(this T symbol)
        where T : Symbol
    {
        Func<CompletionContext, IEnumerable<CompletionItem>> source = context => Ask(context, async client =>
            (await client.GetGrain<IProfileCatalogGrain>(GrainKeys.Default).ListAsync()).Select(p => p.Id));
        switch (symbol)
        {
            case Argument argument:
                argument.CompletionSources.Add(source);
                break;
            case Option option:
                option.CompletionSources.Add(source);
                break;
        }

        return symbol;
    }

    /// <summary>Completes host names for <paramref name="option"/>.</summary>
    public static Option<string?> WithHostNames(this Option<string?> option)
    {
        option.CompletionSources.Add(context => Ask(context, async client =>
            (await client.GetGrain<IFleetGrain>(GrainKeys.Default).ListHostsAsync()).Select(h => h.Name)));
        return option;
    }

    private static List<CompletionItem> Ask(CompletionContext context, Func<IClusterClient, Task<IEnumerable<string>>> query)
    {
        // Help also asks completion sources (for usage labels), with an empty context: never call the cluster for that.
        if (context is not TextCompletionContext || ClusterTarget.From(context.ParseResult, out _) is not { } target)
        {
            return [];
        }

        try
        {
            return AskAsync(target, query).GetAwaiter().GetResult()
                .Where(word => word.StartsWith(context.WordToComplete, StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(word => new CompletionItem(word))
                .ToList();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return []; // completion is best effort: the verb itself reports an unreachable cluster properly
        }
    }

    private static async Task<IEnumerable<string>> AskAsync(ClusterTarget target, Func<IClusterClient, Task<IEnumerable<string>>> query)
    {
        using var budget = new CancellationTokenSource(Budget);
        if (target.Gateway is { } gateway)
        {
            // A closed port answers at once; without this probe the client would retry for the whole budget.
            using var probe = new System.Net.Sockets.TcpClient();
            await probe.ConnectAsync(gateway, budget.Token);
        }

        using var host = await ClusterClient.ConnectAsync(target, budget.Token);
        try
        {
            return await query(ClusterClient.Grains(host)).WaitAsync(budget.Token);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
