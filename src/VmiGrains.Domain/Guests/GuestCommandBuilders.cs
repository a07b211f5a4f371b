namespace VmiGrains.Domain.Guests;

/// <summary>Chooses the command builder for a guest from what <c>guest-get-osinfo</c> reported.</summary>
public static class GuestCommandBuilders
{
    private static readonly LinuxCommandBuilder Linux = new();
    private static readonly WindowsCommandBuilder Windows = new();

    /// <summary>The builder for <paramref name="family"/>; <c>null</c> for <see cref="GuestOsFamily.Unknown"/>.</summary>
    public static IGuestCommandBuilder? For(GuestOsFamily family) => family switch
    {
        GuestOsFamily.Linux => Linux,
        GuestOsFamily.Windows => Windows,
        _ => null,
    };
}
