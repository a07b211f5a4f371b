namespace VmiGrains.Domain.Telemetry;

/// <summary>
/// A named sliding window: <paramref name="Duration"/> split into <paramref name="Slots"/> equal
/// slots. Memory is fixed: 10 bytes per slot per metric plus 8 bytes per slot.
/// </summary>
/// <param name="Name">Rule-visible name, e.g. <c>default</c> or <c>5m</c>.</param>
/// <param name="Duration">How far back the window reaches.</param>
/// <param name="Slots">How many slots (1..240); slot length = Duration / Slots.</param>
public sealed record WindowSpec(string Name, TimeSpan Duration, int Slots)
{
    /// <summary>The name of the window <c>vmi.metrics</c> shows.</summary>
    public const string DefaultName = "default";

    /// <summary>Most slots a window may have.</summary>
    public const int MaxSlots = 240;

    /// <summary>
    /// The windows used when none are configured: <c>default</c> = the last 10 s in 1 s slots (what
    /// <c>vmi.metrics</c> shows: reacts within seconds), <c>1m</c> in 2 s slots, <c>5m</c> in 10 s
    /// slots, <c>30m</c> in 60 s slots. 100 slots in all: 6,800 bytes of slot data.
    /// </summary>
    public static readonly IReadOnlyList<WindowSpec> Defaults =
    [
        new(DefaultName, TimeSpan.FromSeconds(10), 10),
        new("1m", TimeSpan.FromMinutes(1), 30),
        new("5m", TimeSpan.FromMinutes(5), 30),
        new("30m", TimeSpan.FromMinutes(30), 30),
    ];

    /// <summary>Every problem with the list of specs (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<WindowSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var errors = new List<string>();
        if (specs.Count == 0 || specs[0].Name != DefaultName)
        {
            errors.Add($"the first window must be named '{DefaultName}'");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < specs.Count; i++)
        {
            var s = specs[i];
            if (string.IsNullOrWhiteSpace(s.Name) || !names.Add(s.Name))
            {
                errors.Add($"windows[{i}].name: must be unique and non-empty (got '{s.Name}')");
            }

            if (s.Slots is < 1 or > MaxSlots)
            {
                errors.Add($"windows[{i}].slots: must be in 1..{MaxSlots} (got {s.Slots})");
            }
            else if (s.Duration.Ticks < s.Slots * TimeSpan.TicksPerMillisecond)
            {
                errors.Add($"windows[{i}].duration: must give slots of at least 1 ms (got {s.Duration} for {s.Slots} slots)");
            }
        }

        return errors;
    }
}
