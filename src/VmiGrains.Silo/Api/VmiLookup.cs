using System.Text.Json;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Silo.Api;

/// <summary>Resolves the <c>{vmi}</c> of a URL (name or libvirt UUID) to its grain, or 404.</summary>
internal static class VmiLookup
{
    public static async Task<IVmiGrain> ResolveAsync(IGrainFactory grains, string nameOrId)
    {
        var id = await grains.GetGrain<IFleetGrain>(GrainKeys.Default).ResolveAsync(nameOrId);
        return id is null
            ? throw new ResourceNotFoundException([new ValidationError("vmi", "no VMI has this name or UUID (or the name is on several hosts)",
                JsonSerializer.Serialize(nameOrId), "see GET /api/v1/vms; use the UUID when a name is ambiguous")])
            : grains.GetGrain<IVmiGrain>(id);
    }
}
