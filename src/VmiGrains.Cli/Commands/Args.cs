using System.CommandLine;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Cli.Completion;

namespace VmiGrains.Cli.Commands;

/// <summary>Arguments shared by several verbs, and resolving a VMI name to its UUID.</summary>
internal static class Args
{
    public static Argument<string> Vmi() => new Argument<string>("VMI") { Description = "VMI name (e.g. web-01) or libvirt UUID" }.WithVmiNames();

    public static Argument<string> Profile() => new Argument<string>("PROFILE") { Description = "Profile id (see 'vmi profile list')" }.WithProfileIds();

    /// <summary>The UUID of <paramref name="nameOrId"/>, or an invalid-request error naming it.</summary>
    public static async Task<IVmiGrain> ResolveVmiAsync(IClusterClient client, string nameOrId)
    {
        var id = await client.GetGrain<IFleetGrain>(GrainKeys.Default).ResolveAsync(nameOrId);
        return id is null
            ? throw new InvalidRequestException(new ValidationError("VMI", "no VMI has this name or UUID (or the name is on several hosts)", $"\"{nameOrId}\"", "see 'vmi vm list'; use the UUID when a name is ambiguous"))
            : client.GetGrain<IVmiGrain>(id);
    }
}
