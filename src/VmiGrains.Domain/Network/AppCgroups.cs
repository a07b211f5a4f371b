using System.Text.RegularExpressions;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Network;

/// <summary>
/// Guest cgroup convention for per-application rules: application NAME runs in the cgroup v2
/// directory <c>vmigrains-app-NAME</c> directly under the guest's cgroup root (level 1), so nft can
/// match its sockets with <c>socket cgroupv2 level 1 "vmigrains-app-NAME"</c>.
/// </summary>
public static partial class AppCgroups
{
    /// <summary>Where cgroup v2 is mounted in a guest with the unified hierarchy.</summary>
    public const string DefaultRoot = "/sys/fs/cgroup";

    /// <summary>The cgroup path of <paramref name="app"/>, relative to the cgroup root.</summary>
    public static string PathOf(string app)
    {
        if (app is null || !ValidApp().IsMatch(app))
        {
            throw new NetworkConfigurationException(new ValidationError("app", "not a usable application name", app ?? "null",
                "use 1-64 characters from [A-Za-z0-9._-]"));
        }

        return $"vmigrains-app-{app}";
    }

    /// <summary>Creates the app's cgroup (nft resolves the path when it loads the script).</summary>
    public static GuestCommand Create(string app, string root = DefaultRoot) => new("/bin/mkdir", ["-p", $"{root}/{PathOf(app)}"]);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ValidApp();
}
