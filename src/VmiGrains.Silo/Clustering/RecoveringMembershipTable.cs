using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using StackExchange.Redis;

namespace VmiGrains.Silo.Clustering;

/// <summary>
/// Orleans' Redis membership table, made to survive a Redis that comes back without its data. Orleans
/// never re-creates a table once it runs (only a starting silo does), so after such a restart every read
/// fails, no silo can be declared dead (calls to a killed silo's grains time out) and a silo that starts
/// creates a new table of its own: a second cluster. This decorator keeps a copy of the table as last read
/// and, before each read and after a failed I-am-alive write, repairs the table from it when it lost data
/// (<see cref="MembershipTableRepair"/>): the live silos are announced again and the version counts on, so
/// every silo accepts the repaired view and a silo that starts meanwhile joins the same cluster.
/// </summary>
internal sealed partial class RecoveringMembershipTable(
    IMembershipTable inner,
    IOptions<RedisClusteringOptions> redisOptions,
    IOptions<ClusterOptions> clusterOptions,
    IOptions<ClusterMembershipOptions> membershipOptions,
    TimeProvider time,
    IServiceProvider services,
    ILogger<RecoveringMembershipTable> logger) : IMembershipTable, IAsyncDisposable
{
    private const int RepairAttempts = 3;

    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IConnectionMultiplexer? _connection;
    private bool _sharedConnection;
    private RedisMembershipStore? _store;
    private MembershipTableCopy? _known;

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default)
    {
        await inner.InitializeMembershipTableAsync(tryInitTableVersion, cancellationToken);
        var store = await StoreAsync(cancellationToken);
        if (tryInitTableVersion)
        {
            // Only a silo (clients pass false): before it writes its first row with its own clock.
            var server = await store.ServerTimeAsync();
            if (MembershipClock.Problem(time.GetUtcNow(), server, membershipOptions.Value) is { } problem)
            {
                LogClockSkew(logger, problem);
                throw new ClockSkewException(problem);
            }
        }
    }

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var current = await RepairAsync(cancellationToken);
        var table = await inner.ReadAllAsync(cancellationToken);
        Remember(current, table);
        return table;
    }

    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.UpdateIAmAliveAsync(entry, cancellationToken);
        }
        catch (RedisServerException ex)
        {
            // The provider's script fails on a row that is gone: repair, then write once more.
            LogIAmAliveFailed(logger, ex.Message);
            await RepairAsync(cancellationToken);
            await inner.UpdateIAmAliveAsync(entry, cancellationToken);
        }
    }

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default) =>
        inner.DeleteMembershipTableEntriesAsync(clusterId, cancellationToken);

    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default) =>
        inner.CleanupDefunctSiloEntriesAsync(beforeDate, cancellationToken);

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken = default) =>
        inner.ReadRowAsync(key, cancellationToken);

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default) =>
        inner.InsertRowAsync(entry, tableVersion, cancellationToken);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default) =>
        inner.UpdateRowAsync(entry, etag, tableVersion, cancellationToken);

    // The pre-cancellation names, which Orleans 10 still declares (obsolete): the same behaviour.
    Task IMembershipTable.InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion);

    Task<MembershipTableData> IMembershipTable.ReadAll() => ReadAllAsync();

    Task IMembershipTable.UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry);

    Task IMembershipTable.DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId);

    Task IMembershipTable.CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate);

    Task<MembershipTableData> IMembershipTable.ReadRow(SiloAddress key) => ReadRowAsync(key);

    Task<bool> IMembershipTable.InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion);

    Task<bool> IMembershipTable.UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion);

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection && !_sharedConnection)
        {
            await connection.DisposeAsync();
        }

        _connecting.Dispose();
    }

    /// <summary>Reads the table and repairs it until it holds what the copy knew; the table as it is then.</summary>
    private async Task<MembershipTableCopy> RepairAsync(CancellationToken cancellationToken)
    {
        var store = await StoreAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = await store.ReadAsync();
            var known = Volatile.Read(ref _known);
            var plan = MembershipTableRepair.Plan(known, current, AcceptedVersion());
            if (plan is null)
            {
                return current;
            }

            if (attempt > RepairAttempts)
            {
                // Others keep changing it: fail this read, Orleans retries it (and nothing is remembered from it).
                throw new RedisClusteringException($"The membership table {store.Key} in Redis needs a repair ({plan.Reason}) that did not succeed after {RepairAttempts} attempts; retrying.");
            }

            if (await store.TryRepairAsync(plan))
            {
                LogRepaired(logger, time.GetUtcNow(), plan, store.Key.ToString(), (int)Math.Max(known!.Version ?? 0, AcceptedVersion()));
            }
        }
    }

    /// <summary>
    /// The version of the view this silo's membership accepted (also from gossip). Resolved when needed:
    /// the membership service is built on this table.
    /// </summary>
    private long AcceptedVersion() =>
        services.GetService<IClusterMembershipService>()?.CurrentSnapshot.Version.Value ?? 0;

    /// <summary>Keeps the table as read, with which of its rows are of silos that are not dead.</summary>
    private void Remember(MembershipTableCopy raw, MembershipTableData table)
    {
        if (raw.Version is null)
        {
            return;
        }

        var live = table.Members.Where(m => m.Item1.Status != SiloStatus.Dead)
            .Select(m => m.Item1.SiloAddress.ToString()).Where(raw.Rows.ContainsKey).ToHashSet(StringComparer.Ordinal);
        Volatile.Write(ref _known, raw with { Live = live });
    }

    private async Task<RedisMembershipStore> StoreAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _store) is { } store)
        {
            return store;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_store is null)
            {
                var options = redisOptions.Value;
                (_connection, _sharedConnection) = await options.CreateMultiplexer(options);
                Volatile.Write(ref _store, new RedisMembershipStore(_connection.GetDatabase(), options.CreateRedisKey(clusterOptions.Value)));
            }

            return _store!;
        }
        finally
        {
            _connecting.Release();
        }
    }
}
