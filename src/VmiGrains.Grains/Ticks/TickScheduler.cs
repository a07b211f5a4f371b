using Microsoft.Extensions.Options;
using VmiGrains.Domain.Rules;
using VmiGrains.Grains.Vmis;

namespace VmiGrains.Grains.Ticks;

/// <summary>
/// The fallback rule ticks of every VMI activated on this silo, on one <see cref="TickWheel{TKey}"/>
/// instead of one grain timer per VMI. Rule: a VMI activation with a profile registers here (its
/// interval and first turn, <see cref="TickSchedule.FirstTimer"/>) and gets a ticket; every slot the
/// scheduler takes the turns that are due and calls each VMI's
/// <see cref="IVmiClusterGrain.TickDueAsync"/> with its ticket, at most
/// <see cref="TickSchedulerOptions.MaxCallsInFlight"/> at once. The grain runs the tick in its own
/// turn (single-threaded, as the timer's was), drops a turn its clock no longer expects, and
/// re-phases or unregisters itself here. Per silo, not per host: the VMI's activation already lives
/// on one silo and this singleton is beside it, so registering is an in-process method call with no
/// messages, no grain to place or keep alive, and nothing to hand over when a VMI moves — its old
/// activation unregisters at deactivation and its new one registers on its new silo. A per-host
/// scheduler would have to live on the host's silo and call VMIs wherever they are.
/// A tick call is a grain request, so it keeps the VMI active exactly as the timer's
/// <c>KeepAlive = true</c> did; a deactivated VMI is no longer here and is not called.
/// </summary>
internal sealed partial class TickScheduler(
    IGrainFactory grains,
    IOptions<TickSchedulerOptions> options,
    TimeProvider time,
    ILogger<TickScheduler> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly long _origin = time.GetTimestamp();
    private readonly Lock _lock = new();

    // Tickets from a random start, so a stale call from another silo's scheduler never matches a VMI's ticket here.
    private readonly TickWheel<string> _wheel = new(options.Value.SlotSize, Random.Shared.NextInt64(1, long.MaxValue / 2));
    private readonly SemaphoreSlim _inFlight = new(options.Value.MaxCallsInFlight, options.Value.MaxCallsInFlight);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>The silo's monotonic time the VMIs' tick clocks and the wheel share.</summary>
    public TimeSpan Now => time.GetElapsedTime(_origin);

    /// <summary>Registers <paramref name="vmi"/>'s fallback ticks every <paramref name="interval"/> from <paramref name="due"/>; returns its ticket.</summary>
    public long Add(string vmi, TimeSpan interval, TimeSpan due)
    {
        lock (_lock)
        {
            return _wheel.Add(vmi, interval, due);
        }
    }

    /// <summary>Moves the next turn of <paramref name="vmi"/>'s registration <paramref name="ticket"/> (a sample's tick re-phased it).</summary>
    public void Reschedule(string vmi, long ticket, TimeSpan due)
    {
        lock (_lock)
        {
            _wheel.Reschedule(vmi, ticket, due);
        }
    }

    /// <summary>Forgets <paramref name="vmi"/>'s registration <paramref name="ticket"/> (detached, deactivating, or its state discarded).</summary>
    public void Remove(string vmi, long ticket)
    {
        lock (_lock)
        {
            _wheel.Remove(vmi, ticket);
        }
    }

    /// <summary>
    /// Runs while the silo is <see cref="ServiceLifecycleStage.Active"/>: it starts once the silo takes
    /// work and stops first at shutdown, before the silo deactivates its grains — so no tick is sent to
    /// a deactivating VMI or activates one on a stopping silo.
    /// </summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TickScheduler), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Ends the loop, then waits (as long as the silo's stop allows) for the ticks in flight.</summary>
    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        for (var i = 0; i < options.Value.MaxCallsInFlight && !cancellationToken.IsCancellationRequested; i++)
        {
            await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping.Dispose();
        _inFlight.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var due = new List<DueTick<string>>();
        try
        {
            while (true)
            {
                // At the wheel's slot starts, not a period after the last wake: a late wake does not shift the next.
                var now = Now;
                await Task.Delay(_wheel.NextSlotStart(now) - now, time, stopping);
                due.Clear();
                lock (_lock)
                {
                    _wheel.TakeDue(Now, due);
                }

                foreach (var tick in due)
                {
                    await _inFlight.WaitAsync(stopping);
                    _ = CallAsync(tick);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Silo shutdown: the turns not sent are the VMIs' to take up at their next activation.
        }
    }

    private async Task CallAsync(DueTick<string> tick)
    {
        try
        {
            await grains.GetGrain<IVmiClusterGrain>(tick.Key).TickDueAsync(tick.Ticket, tick.Due, tick.Next);
        }
        catch (Exception ex)
        {
            // The wheel has moved the VMI on already: one failed turn is one missed tick, not a stopped timer.
            LogTickFailed(tick.Key, ex.Message);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "VMI {Vmi}: its rule tick failed: {Error}")]
    private partial void LogTickFailed(string vmi, string error);
}
