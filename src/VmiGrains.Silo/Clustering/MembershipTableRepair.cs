namespace VmiGrains.Silo.Clustering;

/// <summary>
/// Decides whether a membership table read from Redis lost data that this silo's last copy has, and
/// how to put it back. The rule: Orleans only accepts a membership view whose version is higher than
/// the last it accepted, and a silo that finds itself missing from a newer view declares itself dead.
/// So a table that lost its version row, lost the row of a silo that was not Dead, or went back in
/// version is repaired by adding back every row of the copy that is absent (rows present now, such as
/// those of a silo that joined the re-created table, are kept) and setting the version to the
/// highest seen plus <see cref="VersionJump"/>. The highest seen is the copy's or the one this silo's
/// membership accepted, whichever is higher (views also arrive by gossip); the jump is for versions
/// written to the lost table after this silo's last read, which other silos may have accepted by gossip:
/// the repaired table must be newer for them too. Dead rows come back too, so that a dead silo's
/// incarnation cannot return. Nothing to repair without a copy, or when the table holds everything the
/// copy knew alive at a version not lower than the highest seen.
/// </summary>
internal static class MembershipTableRepair
{
    /// <summary>How far above the highest version seen a repaired table starts (membership writes a few versions a minute).</summary>
    public const int VersionJump = 100;

    public static MembershipRepairPlan? Plan(MembershipTableCopy? known, MembershipTableCopy current, long acceptedVersion = 0)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (known?.Version is not { } copyVersion)
        {
            return null;
        }

        var knownVersion = (int)Math.Min(int.MaxValue - VersionJump, Math.Max(copyVersion, acceptedVersion));

        MembershipRepairReason reason;
        if (current.Version is null)
        {
            reason = MembershipRepairReason.TableMissing;
        }
        else if (known.Live.Any(row => !current.Rows.ContainsKey(row)))
        {
            reason = MembershipRepairReason.RowsLost;
        }
        else if (current.Version < knownVersion)
        {
            reason = MembershipRepairReason.VersionWentBack;
        }
        else
        {
            return null;
        }

        var add = known.Rows.Where(r => !current.Rows.ContainsKey(r.Key)).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        return new MembershipRepairPlan(reason, current.Version, Math.Max(knownVersion, current.Version ?? 0) + VersionJump, add);
    }
}
