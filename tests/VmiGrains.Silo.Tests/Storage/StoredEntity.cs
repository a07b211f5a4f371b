using Azure.Data.Tables;

namespace VmiGrains.Silo.Tests.Storage;

/// <summary>
/// Reads a grain's row back from the Azure table the silo writes (Azurite), independently of VmiGrains:
/// how big the stored entity is, and when it was last written.
/// </summary>
internal static class StoredEntity
{
    public const string Table = "VmiGrainsState";

    /// <summary>The data bytes of the one row of <paramref name="serviceId"/> whose key names <paramref name="grainKey"/>.</summary>
    public static async Task<(long Bytes, DateTimeOffset? Written, string ETag)> ReadAsync(string connectionString, string serviceId, string grainKey)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(Table);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            if (row.PartitionKey.StartsWith(serviceId, StringComparison.Ordinal)
                && (row.PartitionKey.Contains(grainKey, StringComparison.Ordinal) || row.RowKey.Contains(grainKey, StringComparison.Ordinal)))
            {
                rows.Add(row);
            }
        }

        var entity = Assert.Single(rows);
        var bytes = entity.Sum(p => p.Value switch
        {
            byte[] b => (long)b.Length,
            BinaryData d => d.ToMemory().Length,
            string s => 2L * s.Length,
            _ => 0L,
        });
        return (bytes, entity.Timestamp, entity.ETag.ToString());
    }

    /// <summary>Changes the row under the silo's feet (a new etag), as a second writer would.</summary>
    public static async Task TouchAsync(string connectionString, string serviceId, string grainKey)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(Table);
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            if (row.PartitionKey.StartsWith(serviceId, StringComparison.Ordinal)
                && (row.PartitionKey.Contains(grainKey, StringComparison.Ordinal) || row.RowKey.Contains(grainKey, StringComparison.Ordinal)))
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
                return;
            }
        }

        throw new InvalidOperationException($"no row of {grainKey} in {Table}");
    }
}
