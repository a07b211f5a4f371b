namespace VmiGrains.Abstractions.Profiles;

/// <summary>An inclusive port range, 1–65535; a single port has <see cref="From"/> = <see cref="To"/>.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.PortRange")]
public sealed record PortRange([property: Id(0)] int From, [property: Id(1)] int To)
{
    /// <summary>"443" or "1000-2000", the document form.</summary>
    public override string ToString() => From == To ? From.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{From}-{To}";
}
