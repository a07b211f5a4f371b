using System.Globalization;
using Orleans.Configuration;

namespace VmiGrains.Silo.Clustering;

/// <summary>
/// Silos judge each other by the I-am-alive times each writes into the membership table with its own
/// clock: a row older than <c>IAmAliveTablePublishTimeout × NumMissedTableIAmAliveLimit</c> belongs to a
/// silo that stopped writing, and Orleans declares it dead. A silo whose clock is behind by that much is
/// declared dead as soon as it joins (Orleans: "I have been told I am dead, so this silo will stop!");
/// one ahead by that much keeps looking alive after it died. So before joining, the silo compares its
/// clock with the Redis server's (the one clock every silo reaches) and refuses to join when they differ
/// by more than half that period.
/// </summary>
internal static class MembershipClock
{
    /// <summary>The largest difference accepted for <paramref name="options"/>.</summary>
    public static TimeSpan Tolerance(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IAmAliveTablePublishTimeout * options.NumMissedTableIAmAliveLimit / 2;
    }

    /// <summary>Null when <paramref name="local"/> and <paramref name="server"/> agree within the tolerance; otherwise the sentence to report.</summary>
    public static string? Problem(DateTimeOffset local, DateTimeOffset server, ClusterMembershipOptions options)
    {
        var tolerance = Tolerance(options);
        var skew = local - server;
        if (skew.Duration() <= tolerance)
        {
            return null;
        }

        var seconds = skew.Duration().TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        return $"this silo's clock is {seconds} s {(skew < TimeSpan.Zero ? "behind" : "ahead of")} the Redis membership server's "
            + $"(silo {local.UtcDateTime:O}, Redis TIME {server.UtcDateTime:O}); silos judge each other by the I-am-alive times they write "
            + $"with their own clocks, so a silo off by more than {tolerance.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s "
            + $"(half of IAmAliveTablePublishTimeout × NumMissedTableIAmAliveLimit) is declared dead by the others or outlives its death. "
            + "Synchronize this machine's clock (chrony or systemd-timesyncd; `timedatectl` shows whether it is), or the Redis server's if that is the one off, and start the silo again.";
    }
}
