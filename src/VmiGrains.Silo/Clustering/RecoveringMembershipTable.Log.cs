namespace VmiGrains.Silo.Clustering;

/// <summary>What <see cref="RecoveringMembershipTable"/> tells the operator.</summary>
internal sealed partial class RecoveringMembershipTable
{
    private static void LogRepaired(ILogger logger, DateTimeOffset at, MembershipRepairPlan plan, string key, int knownVersion)
    {
        switch (plan.Reason)
        {
            case MembershipRepairReason.TableMissing:
                LogTableMissing(logger, key, at, plan.RowsToAdd.Count, plan.NewVersion);
                break;
            case MembershipRepairReason.RowsLost:
                LogRowsLost(logger, key, at, plan.ExpectedVersion, knownVersion, plan.RowsToAdd.Count, plan.NewVersion);
                break;
            default:
                LogVersionWentBack(logger, key, at, plan.ExpectedVersion, knownVersion, plan.NewVersion);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The membership table {Key} was missing in Redis at {At:o} (Redis lost its data: a restart without persistence, a flush, or a failover to an empty replica); re-created it from this silo's last view with {Rows} silo rows at version {Version}. Run the membership Redis with persistence or a replica (docs/operations.md, \"Redis for membership\").")]
    private static partial void LogTableMissing(ILogger logger, string key, DateTimeOffset at, int rows, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The membership table {Key} in Redis had lost silo rows at {At:o} (version {Found}, this silo had seen {Known}: it was re-created empty, by a silo that started while the table was gone); put back {Rows} rows from this silo's last view, re-created at version {Version}.")]
    private static partial void LogRowsLost(ILogger logger, string key, DateTimeOffset at, int? found, int known, int rows, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The membership table {Key} in Redis went back from version {Known} to {Found} at {At:o}; re-created its version at {Version} so that the silos accept its views again.")]
    private static partial void LogVersionWentBack(ILogger logger, string key, DateTimeOffset at, int? found, int known, int version);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Not joining the cluster: {Problem}")]
    private static partial void LogClockSkew(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing this silo's I-am-alive time to the Redis membership table failed ({Reason}); checking whether the table lost data.")]
    private static partial void LogIAmAliveFailed(ILogger logger, string reason);
}
