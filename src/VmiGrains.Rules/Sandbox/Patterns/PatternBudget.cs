namespace VmiGrains.Rules.Sandbox.Patterns;

/// <summary>
/// What a pattern scan may spend: steps (one per matcher call or character tried, charged
/// against the rule's instruction budget) and the call's clocks (<see cref="SandboxClock"/>),
/// checked every <see cref="ClockEvery"/> steps. Once either runs out the scan stops and says so.
/// </summary>
internal unsafe struct PatternBudget(long steps, SandboxControl* control)
{
    /// <summary>Steps between two reads of the clock.</summary>
    public const int ClockEvery = 1024;

    private int _untilClock = ClockEvery;

    /// <summary>Steps left; negative once spent.</summary>
    public long Steps { get; private set; } = steps;

    /// <summary>The clock's trip (<see cref="SandboxTrip.CpuTime"/> or <see cref="SandboxTrip.WallClock"/>); <see cref="SandboxTrip.None"/> while in time.</summary>
    public int ClockTrip { get; private set; }

    /// <summary>Charges <paramref name="n"/> steps; false once the budget or the clock is spent.</summary>
    public bool Spend(long n = 1)
    {
        Steps -= n;
        _untilClock -= (int)Math.Min(n, ClockEvery);
        if (_untilClock <= 0)
        {
            _untilClock = ClockEvery;
            if (control is not null)
            {
                ClockTrip = SandboxClock.Poll(control);
            }
        }

        return Steps >= 0 && ClockTrip == SandboxTrip.None;
    }
}
