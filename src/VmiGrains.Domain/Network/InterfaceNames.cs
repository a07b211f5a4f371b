using System.Text.RegularExpressions;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Domain.Network;

/// <summary>
/// Checks host interface (tap) names before they reach an nft script or a tc command line:
/// 1–15 characters (the kernel's IFNAMSIZ), letters, digits and <c>._-</c> only, so a name can
/// never break out of a quoted string or be read as an option.
/// </summary>
public static partial class InterfaceNames
{
    /// <summary>Errors for each invalid name in <paramref name="taps"/>; empty when all are valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(IReadOnlyList<string> taps, string path)
    {
        ArgumentNullException.ThrowIfNull(taps);
        var errors = new List<ValidationError>();
        if (taps.Count == 0)
        {
            errors.Add(new ValidationError(path, "a VMI needs at least one tap interface", "[]",
                "pass the host-side interface names from the domain XML (<target dev='...'/>)"));
        }

        for (var i = 0; i < taps.Count; i++)
        {
            if (taps[i] is null || !Valid().IsMatch(taps[i]))
            {
                errors.Add(new ValidationError($"{path}[{i}]", "not a valid interface name", taps[i] ?? "null",
                    "use 1-15 characters from [A-Za-z0-9._-], not starting with '-'"));
            }
        }

        if (taps.Distinct(StringComparer.Ordinal).Count() != taps.Count)
        {
            errors.Add(new ValidationError(path, "interface names repeat", string.Join(",", taps), "list each tap once"));
        }

        return errors;
    }

    /// <summary>Throws <see cref="NetworkConfigurationException"/> when a name is invalid.</summary>
    public static void ThrowIfInvalid(IReadOnlyList<string> taps, string path)
    {
        var errors = Validate(taps, path);
        if (errors.Count > 0)
        {
            throw new NetworkConfigurationException(errors);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._][A-Za-z0-9._-]{0,14}$")]
    private static partial Regex Valid();
}
