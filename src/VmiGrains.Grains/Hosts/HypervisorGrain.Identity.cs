namespace VmiGrains.Grains.Hosts;

/// <summary>
/// Identity: a domain whose UUID another host also has is reported here (<see cref="Abstractions.Model.HostSummary.IdentityConflicts"/>)
/// and left alone — no statistics, no claims — while that host keeps the VMI; a domain that disappears
/// from libvirt is reported to its VMI, which leaves the fleet.
/// </summary>
internal sealed partial class HypervisorGrain
{
    /// <summary>VMI id → the host that keeps it while this host also has a domain with its UUID.</summary>
    private readonly Dictionary<string, string> _conflicts = new(StringComparer.Ordinal);

    public async Task<bool> HasDomainAsync(string vmiId) =>
        Guid.TryParse(vmiId, out var uuid) && await _hypervisor.GetDomainAsync(uuid) is not null;

    public Task IdentityConflictAsync(string vmiId, string? keptBy)
    {
        if (keptBy is null)
        {
            _conflicts.Remove(vmiId);
        }
        else if (_conflicts.TryAdd(vmiId, keptBy) && _domains.TryGetValue(vmiId, out var domain))
        {
            LogIdentityConflict(HostName, domain.Name, vmiId, keptBy);
        }

        return Task.CompletedTask;
    }

    private List<string> IdentityConflicts() =>
    [
        .. _conflicts.Where(c => _domains.ContainsKey(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => $"{_domains[c.Key].Name} ({c.Key}) kept by host {c.Value}"),
    ];

    /// <summary>Tells the VMIs of domains that were known and are gone now; forgets their conflicts.</summary>
    private void ReportGone(IEnumerable<string> knownBefore)
    {
        foreach (var id in knownBefore.Where(id => !_domains.ContainsKey(id)).Distinct(StringComparer.Ordinal))
        {
            _conflicts.Remove(id);
            LogDomainGone(HostName, id);
            Vmi(id).DomainGoneAsync(HostName).Ignore();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host}: domain {Domain} ({Uuid}) has the UUID of a VMI that host {KeptBy} has and keeps; this host leaves it alone (a cloned definition, or one left behind by a migration?)")]
    private partial void LogIdentityConflict(string host, string domain, string uuid, string keptBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host}: domain {Uuid} is no longer defined; its VMI leaves the fleet")]
    private partial void LogDomainGone(string host, string uuid);
}
