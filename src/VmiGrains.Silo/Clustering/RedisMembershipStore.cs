using System.Globalization;
using StackExchange.Redis;

namespace VmiGrains.Silo.Clustering;

/// <summary>
/// The membership hash of Orleans' Redis clustering read and repaired as stored: field <c>Version</c>
/// (the table version, a decimal number) and one field per silo address. Rows are copied byte for byte,
/// so nothing here depends on how the provider serializes an entry.
/// </summary>
internal sealed class RedisMembershipStore(IDatabase db, RedisKey key)
{
    private const string VersionField = "Version";

    // Atomic: the version must still be what the plan saw (ARGV[1], '' = missing), rows already present
    // are kept, and the version is written last in the same script, so no silo ever reads a half-repaired table.
    private const string RepairScript = """
        local version = redis.call('HGET', KEYS[1], 'Version')
        if ARGV[1] == '' then
            if version then return 0 end
        elseif version ~= ARGV[1] then
            return 0
        end
        for i = 3, #ARGV, 2 do
            redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1])
        end
        redis.call('HSET', KEYS[1], 'Version', ARGV[2])
        return 1
        """;

    /// <summary>The Redis key of the table.</summary>
    public RedisKey Key => key;

    public async Task<MembershipTableCopy> ReadAsync()
    {
        var fields = await db.HashGetAllAsync(key);
        int? version = null;
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Name == VersionField)
            {
                version = int.Parse(field.Value.ToString(), CultureInfo.InvariantCulture);
            }
            else
            {
                rows[field.Name.ToString()] = field.Value.ToString();
            }
        }

        return new MembershipTableCopy(version, rows, new HashSet<string>());
    }

    /// <summary>The Redis server's clock (TIME), corrected by half the round trip.</summary>
    public async Task<DateTimeOffset> ServerTimeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reply = (RedisValue[])(await db.ExecuteAsync("TIME"))!;
        var seconds = long.Parse(reply[0].ToString(), CultureInfo.InvariantCulture);
        var micros = long.Parse(reply[1].ToString(), CultureInfo.InvariantCulture);
        return DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(micros * 10) + (clock.Elapsed / 2);
    }

    /// <summary>Writes the plan if the table is still as it was read; false when another silo changed it first.</summary>
    public async Task<bool> TryRepairAsync(MembershipRepairPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var args = new List<RedisValue>
        {
            plan.ExpectedVersion?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            plan.NewVersion.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (field, value) in plan.RowsToAdd)
        {
            args.Add(field);
            args.Add(value);
        }

        var result = await db.ScriptEvaluateAsync(RepairScript, [key], [.. args], CommandFlags.NoScriptCache);
        return (int)result == 1;
    }
}
