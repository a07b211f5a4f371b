using VmiGrains.Domain.Profiles;

namespace VmiGrains.Domain.Labels;

/// <summary>
/// A VMI's labels live in its libvirt domain, where provisioning already writes them, in the domain's
/// <c>&lt;metadata&gt;</c> under the namespace <see cref="Namespace"/>:
/// <c>&lt;vmigrains:labels xmlns:vmigrains="https://vmigrains.dev/xmlns/labels/1"&gt;&lt;label name="tier"&gt;web&lt;/label&gt;&lt;/vmigrains:labels&gt;</c>
/// (e.g. <c>virsh metadata DOMAIN --uri https://vmigrains.dev/xmlns/labels/1 --key vmigrains --set '&lt;labels&gt;&lt;label name="tier"&gt;web&lt;/label&gt;&lt;/labels&gt;' --config --live</c>).
/// Rule: a label whose key or value breaks <see cref="LabelRules"/>, a repeated key (the first wins) and labels past the
/// 64th are left out, each with a reason for the host's log; no labels gives null (no per-VMI empty dictionary).
/// </summary>
public static class VmiLabels
{
    /// <summary>The XML namespace of the labels element in a domain's metadata.</summary>
    public const string Namespace = "https://vmigrains.dev/xmlns/labels/1";

    /// <summary>Keeps the valid labels of <paramref name="pairs"/>; <paramref name="dropped"/> says what was left out and why.</summary>
    public static IReadOnlyDictionary<string, string>? From(IEnumerable<(string? Key, string Value)> pairs, out IReadOnlyList<string> dropped)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        Dictionary<string, string>? labels = null;
        var problems = new List<string>();
        foreach (var (key, value) in pairs)
        {
            if (key is null || !LabelRules.IsValidKey(key))
            {
                problems.Add($"label '{key}': {LabelRules.KeyRule}");
            }
            else if (!LabelRules.IsValidValue(value))
            {
                problems.Add($"label '{key}': the value has control characters or more than {ProfileLimits.MaxLabelValueLength} characters");
            }
            else if ((labels?.Count ?? 0) >= ProfileLimits.MaxLabels)
            {
                problems.Add($"label '{key}': more than {ProfileLimits.MaxLabels} labels");
            }
            else if (!(labels ??= new Dictionary<string, string>(StringComparer.Ordinal)).TryAdd(key, value))
            {
                problems.Add($"label '{key}': given twice; the first is kept");
            }
        }

        dropped = problems;
        return labels;
    }
}
