namespace VmiGrains.Grains.Vmis;

/// <summary>
/// A rule disabled on this VMI after repeated failures, keyed by profile, version and rule name: a rule
/// disabled on profile A v1 is not disabled on A v2 or on another profile's rule of the same name
/// (single-script rules are all named <c>main</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.DisabledRule")]
public sealed record DisabledRule(
    [property: Id(0)] string ProfileId,
    [property: Id(1)] int ProfileVersion,
    [property: Id(2)] string Rule,
    [property: Id(3)] string LastError,
    [property: Id(4)] DateTimeOffset Since)
{
    /// <summary>Whether this record belongs to <paramref name="profileId"/> v<paramref name="version"/>.</summary>
    public bool IsFor(string? profileId, int? version) => ProfileId == profileId && ProfileVersion == version;

    /// <summary>How <c>vmi vm show</c> and decisions name it: <c>main of ux-personalization v2</c>.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Rule} of {ProfileId} v{ProfileVersion}");
}
