using System.Collections;
using System.Reflection;
using VmiGrains.Grains.Hosts;
using VmiGrains.Silo.Api;
using VmiGrains.Silo.Configuration;

namespace VmiGrains.Silo.Tests.Deploy;

/// <summary>
/// Whether a <c>VMIGRAINS__A__B</c> environment variable names a property of the settings class the silo
/// binds section <c>VmiGrains:A</c> to (walked by reflection, without regard to case like the binder).
/// </summary>
internal static class SettingKeys
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Cluster"] = typeof(ClusterSettings),
        ["Api"] = typeof(ApiOptions),
        ["Host"] = typeof(HostManagementOptions),
    };

    /// <summary>Null when <paramref name="variable"/> is a real setting, else why not.</summary>
    public static string? Check(string variable)
    {
        var parts = variable.Split("__");
        if (parts.Length < 3 || !parts[0].Equals("VMIGRAINS", StringComparison.Ordinal))
        {
            return $"{variable}: not VMIGRAINS__SECTION__KEY";
        }

        if (parts[1].Equals("Storage", StringComparison.OrdinalIgnoreCase))
        {
            var names = StorageSettings.Names.Append(StorageSettings.DefaultEntry);
            return !names.Contains(parts[2], StringComparer.OrdinalIgnoreCase)
                ? $"{variable}: {parts[2]} is not a storage name ({string.Join(", ", names)})"
                : Walk(variable, typeof(GrainStorageSettings), parts[3..]);
        }

        return Sections.TryGetValue(parts[1], out var type) ? Walk(variable, type, parts[2..]) : $"{variable}: no section {parts[1]}";
    }

    private static string? Walk(string variable, Type type, string[] rest)
    {
        for (var i = 0; i < rest.Length; i++)
        {
            var property = type.GetProperty(rest[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return $"{variable}: {type.Name} has no property {rest[i]}";
            }

            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
            {
                // A list: the next part is an index and the last one.
                return i == rest.Length - 2 && int.TryParse(rest[^1], out _) ? null : $"{variable}: {property.Name} is a list; end with __0, __1, …";
            }
        }

        return type.IsPrimitive || type == typeof(string) || type == typeof(TimeSpan) ? null : $"{variable}: {type.Name} is a section, not a setting";
    }
}
