namespace VmiGrains.Grains.Ticks;

/// <summary>The silo's rule-tick scheduler (section <c>VmiGrains:Ticks</c>; see <see cref="TickScheduler"/>).</summary>
public sealed class TickSchedulerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VmiGrains:Ticks";

    /// <summary>
    /// How often the scheduler looks for due ticks (default 100 ms, 10 ms – 1 s): a timer tick runs at
    /// most this late. Smaller costs more wake-ups, not more calls.
    /// </summary>
    public TimeSpan SlotSize { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Most tick calls the scheduler has in flight at once (default 512, 1 – 100,000); due VMIs beyond wait
    /// for a call to finish, so an overloaded silo is called no faster than it ticks.
    /// </summary>
    public int MaxCallsInFlight { get; set; } = 512;
}
