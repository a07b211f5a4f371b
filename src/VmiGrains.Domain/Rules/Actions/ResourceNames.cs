using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Rules.Actions;

/// <summary>The rule-side names of <see cref="ResourceKind"/>: cpu, ram, network, storage.</summary>
public static class ResourceNames
{
    /// <summary>The names indexed by <see cref="ResourceKind"/>.</summary>
    public static readonly IReadOnlyList<string> All = ["cpu", "ram", "network", "storage"];

    /// <summary>The name of <paramref name="resource"/>.</summary>
    public static string NameOf(ResourceKind resource) => All[(int)resource];

    /// <summary>Parses a name; <c>false</c> when it is not one of <see cref="All"/>.</summary>
    public static bool TryParse(string? name, out ResourceKind resource)
    {
        var i = name is null ? -1 : All.IndexOf(name);
        resource = i < 0 ? ResourceKind.Cpu : (ResourceKind)i;
        return i >= 0;
    }

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
