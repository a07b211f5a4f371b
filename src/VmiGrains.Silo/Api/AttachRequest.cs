namespace VmiGrains.Silo.Api;

/// <summary>Body of <c>PUT /api/v1/vms/{vmi}/profile</c>: the profile to attach and, optionally, its version.</summary>
public sealed class AttachRequest
{
    /// <summary>Profile id (see <c>GET /api/v1/profiles</c>).</summary>
    public required string Profile { get; init; }

    /// <summary>A specific version; the latest when omitted.</summary>
    public int? Version { get; init; }
}
