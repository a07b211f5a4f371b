namespace VmiGrains.Grains.Profiles;

/// <summary>
/// Runs work for many items, at most N at a time, on the caller's scheduler — inside a grain, its own
/// (unlike <c>Parallel.ForEachAsync</c>, which would run continuations off the activation). Every item
/// is attempted; the first failure is rethrown once all are done.
/// </summary>
internal static class BoundedParallel
{
    public static async Task ForEachAsync<T>(IEnumerable<T> items, int maxAtOnce, Func<T, Task> work)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAtOnce, 1);
        using var gate = new SemaphoreSlim(maxAtOnce);
        await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync();
            try
            {
                await work(item);
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
