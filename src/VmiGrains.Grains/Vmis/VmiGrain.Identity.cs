using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// Which host a VMI belongs to. A libvirt UUID registered by a second host while the first still has
/// the domain (a cloned definition, a domain left behind by a migration) is a conflict, reported on
/// both sides — the VMI stays with the host that has it; the other host leaves its domain alone — never
/// a silent takeover. When the keeping host no longer has it, the VMI moves. A domain undefined from
/// its host leaves the fleet; its profile is kept and applied again if the domain returns.
/// </summary>
internal sealed partial class VmiGrain
{
    public async Task RegisterAsync(VmiRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var current = state.State.Registration;
        if (current is not null && state.State.Gone is null && current.Host != registration.Host)
        {
            if (await StillOnAsync(current.Host))
            {
                await ConflictAsync(current, registration);
                return;
            }

            Record("identity", $"moved from host {current.Host} to host {registration.Host}", $"host {current.Host} no longer has domain {Id}");
        }

        if (current == registration && state.State.Gone is null)
        {
            if (!_indexed)
            {
                ReportToFleet(); // the last report failed, or this activation has not reported yet
            }

            return;
        }

        await AdoptAsync(registration);
    }

    public async Task DomainGoneAsync(string host)
    {
        if (state.State.ConflictingRegistration is { } other && other.Host == host)
        {
            state.State.ConflictingRegistration = null;
            Record("identity", $"identity conflict resolved: host {host} no longer has a domain with this UUID", "libvirt on the other host undefined it");
            await WriteAsync();
            return;
        }

        if (state.State.Registration is not { } current || current.Host != host || state.State.Gone is not null)
        {
            return;
        }

        if (state.State.ConflictingRegistration is { } next)
        {
            Record("identity", $"moved from host {host} to host {next.Host}, which also has domain {Id}", $"libvirt on host {host} undefined it");
            await AdoptAsync(next);
            return;
        }

        state.State.Gone = new VmiAbsence(host, time.GetUtcNow());
        state.State.Allocation = null;
        Record("identity", $"domain undefined from host {host}: the VMI left the fleet", "libvirt no longer has the domain",
            before: null, after: state.State.ProfileId is { } p ? $"profile {p} v{state.State.ProfileVersion} kept; applied again when the domain returns" : null);
        LogDomainGone(Id, host);
        await WriteAsync();
        await Fleet.VmiIndex.For(GrainFactory, Id).RemoveAsync(Id);
    }

    /// <summary>Refuses operations that need a defined domain.</summary>
    private void EnsureDefined()
    {
        if (state.State.Gone is { } gone)
        {
            throw new InvalidRequestException(new ValidationError("vmi", $"its domain was undefined from host {gone.Host} at {gone.At:yyyy-MM-dd HH:mm:ss}Z", Quote(Id),
                "define the domain again on a host (its profile is applied again then), or pick a VMI from 'vmi vm list'"));
        }
    }

    private async Task AdoptAsync(VmiRegistration registration)
    {
        var returned = state.State.Gone;
        if (state.State.ConflictingRegistration is { } other && other.Host == registration.Host)
        {
            state.State.ConflictingRegistration = null;
            GrainFactory.GetGrain<Hosts.IHypervisorClusterGrain>(registration.Host).IdentityConflictAsync(Id, null).Ignore();
        }

        state.State.Registration = registration;
        state.State.Gone = null;
        if (returned is not null)
        {
            Record("identity", $"domain defined again on host {registration.Host}", $"it was undefined from host {returned.Host} at {returned.At:yyyy-MM-dd HH:mm:ss}Z");
        }

        await WriteAsync();
        ReportToFleet();
        if (returned is not null && _profile is not null)
        {
            await ClaimAsync(force: true, $"domain defined again on host {registration.Host}");
        }
    }

    private async Task ConflictAsync(VmiRegistration current, VmiRegistration other)
    {
        GrainFactory.GetGrain<Hosts.IHypervisorClusterGrain>(other.Host).IdentityConflictAsync(Id, current.Host).Ignore();
        if (state.State.ConflictingRegistration == other)
        {
            return;
        }

        state.State.ConflictingRegistration = other;
        VmiGrainsMetrics.RecordIdentityConflict(current.Host, other.Host);
        LogIdentityConflict(Id, current.Host, other.Host, other.Name);
        Record("identity", $"identity conflict: host {other.Host} also has a domain with this UUID ('{other.Name}'); the VMI stays with host {current.Host}, which has it",
            "two hosts define the same libvirt UUID (a cloned definition, or a domain left behind by a migration): undefine one, or give it a new UUID");
        await WriteAsync();
    }

    /// <summary>Whether <paramref name="host"/> still has the domain; an unreachable host does not (the VMI follows the host that reports it).</summary>
    private async Task<bool> StillOnAsync(string host)
    {
        try
        {
            return await GrainFactory.GetGrain<Hosts.IHypervisorClusterGrain>(host).HasDomainAsync(Id).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is HypervisorUnavailableException or TimeoutException or OrleansException or Domain.Hosts.HypervisorException)
        {
            return false;
        }
    }
}
