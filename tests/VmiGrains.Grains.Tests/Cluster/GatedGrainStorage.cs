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
/// Counts the writes that passed, per grain.
/// </summary>
internal sealed class StorageGate
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<GrainId, int> _passed = new();
    private volatile TaskCompletionSource _open = Opened();
    private int _waiting;

    /// <summary>Writes of <paramref name="grain"/>'s state that passed the gate so far.</summary>
    public int Passed(GrainId grain) => _passed.GetValueOrDefault(grain);

    /// <summary>Writes that are waiting at the closed gate.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Close() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _open.TrySetResult();

    public async Task PassAsync(GrainId grain)
    {
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
