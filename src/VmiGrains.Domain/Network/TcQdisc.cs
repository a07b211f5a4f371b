using System.Text.Json;

namespace VmiGrains.Domain.Network;

/// <summary>A root qdisc as reported by <c>tc -j qdisc show</c>.</summary>
/// <param name="Device">The interface.</param>
/// <param name="Kind">e.g. <c>netem</c>, <c>tbf</c>, <c>noqueue</c>.</param>
/// <param name="Handle">e.g. <c>766d:</c>.</param>
public sealed record TcQdisc(string Device, string Kind, string Handle)
{
    /// <summary>Kinds the kernel installs by itself; replacing one of them loses nothing.</summary>
    public static IReadOnlySet<string> KernelDefaults { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "noqueue", "pfifo_fast", "fq_codel", "mq", "pfifo", "fq", "noop" };

    /// <summary>True when VmiGrains installed it (by the handle convention).</summary>
    public bool IsOurs => Handle == TcCommands.Handle;

    /// <summary>The root qdiscs in the output of <c>tc -j qdisc show [dev D]</c>; <paramref name="device"/> fills in the name when tc omits it.</summary>
    public static IReadOnlyList<TcQdisc> ParseRoots(string json, string? device = null)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        var roots = new List<TcQdisc>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (!item.TryGetProperty("root", out var root) || root.ValueKind != JsonValueKind.True)
            {
                continue;
            }

            var dev = item.TryGetProperty("dev", out var d) ? d.GetString() : device;
            roots.Add(new TcQdisc(dev ?? string.Empty, item.GetProperty("kind").GetString()!, item.GetProperty("handle").GetString()!));
        }

        return roots;
    }
}
