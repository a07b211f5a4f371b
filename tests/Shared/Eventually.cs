namespace VmiGrains.Testing;

/// <summary>Waits for an eventually-true condition (one-way messages, timers) with a generous deadline.</summary>
internal static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        Exception? last = null;
        T value = default!;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                value = await probe();
                if (done(value))
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                last = ex;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"condition not met in time: {what ?? "(unnamed)"}; last value {value}", last);
    }
}
