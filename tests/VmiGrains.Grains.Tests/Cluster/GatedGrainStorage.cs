using Orleans.Storage;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// Orleans' memory storage with a gate in front of its writes: while the <see cref="StorageGate"/>
/// is closed every write waits, so a test can hold a grain in the middle of a state write and see
/// what queues up behind it. Reads and clears pass straight through; the storage itself is real.
/// </summary>
internal sealed class GatedGrainStorage(IGrainStorage inner, StorageGate gate) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await gate.PassAsync(grainId);
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}

/// <summary>
/// Open by default; while closed, <see cref="PassAsync"/> waits (at most a minute) until it opens.
/// Counts the writes that passed, per grain. <see cref="FailWritesWhere"/> makes a grain's next writes
/// throw, as a storage that timed out would.
/// </summary>
internal sealed class StorageGate
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<GrainId, int> _passed = new();
    private Func<GrainId, bool>? _toFail;
    private int _toFailCount;
    private int _failed;
    private GrainId? _lastFailed;
    private volatile TaskCompletionSource _open = Opened();
    private int _waiting;

    /// <summary>Writes of <paramref name="grain"/>'s state that passed the gate so far.</summary>
    public int Passed(GrainId grain) => _passed.GetValueOrDefault(grain);

    /// <summary>Writes that are waiting at the closed gate.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Writes that were made to fail (<see cref="FailWritesWhere"/>).</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>The grain whose write was made to fail last, if any.</summary>
    public GrainId? LastFailed => _lastFailed;

    /// <summary>The next <paramref name="count"/> writes of grains <paramref name="grain"/> matches throw a <see cref="TimeoutException"/> instead of passing.</summary>
    public void FailWritesWhere(Func<GrainId, bool> grain, int count)
    {
        _toFailCount = count;
        _toFail = grain;
    }

    public void Close() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _open.TrySetResult();

    public async Task PassAsync(GrainId grain)
    {
        if (_toFail is { } toFail && toFail(grain) && Interlocked.Decrement(ref _toFailCount) >= 0)
        {
            _lastFailed = grain;
            Interlocked.Increment(ref _failed);
            throw new TimeoutException($"the write of {grain} timed out (made to fail by the test's storage gate)");
        }

        var gate = _open.Task;
        if (!gate.IsCompleted)
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await gate.WaitAsync(TimeSpan.FromMinutes(1));
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        _passed.AddOrUpdate(grain, 1, (_, n) => n + 1);
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
