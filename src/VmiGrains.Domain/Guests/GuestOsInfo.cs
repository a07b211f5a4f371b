namespace VmiGrains.Domain.Guests;

/// <summary>
/// What <c>guest-get-osinfo</c> reports. <see cref="Id"/> is <c>mswindows</c> on Windows and the
/// os-release <c>ID</c> (e.g. <c>debian</c>) on Linux.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.GuestOsInfo")]
public sealed record GuestOsInfo(
    [property: Id(0)] GuestOsFamily Family,
    [property: Id(1)] string? Id,
    [property: Id(2)] string? PrettyName,
    [property: Id(3)] string? Version,
    [property: Id(4)] string? KernelRelease,
    [property: Id(5)] string? Machine)
{
    /// <summary>
    /// The family from the osinfo fields: <c>id == "mswindows"</c> (or a <c>Microsoft Windows</c> name)
    /// is Windows; a kernel release without Windows markers and any os-release id is Linux.
    /// </summary>
    public static GuestOsFamily FamilyOf(string? id, string? name, string? kernelRelease)
    {
        if (string.Equals(id, "mswindows", StringComparison.OrdinalIgnoreCase)
            || (name?.Contains("Windows", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return GuestOsFamily.Windows;
        }

        return string.IsNullOrEmpty(id) && string.IsNullOrEmpty(kernelRelease) ? GuestOsFamily.Unknown : GuestOsFamily.Linux;
    }
}
