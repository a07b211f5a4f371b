namespace VmiGrains.Cluster.Benchmarks;

/// <summary>
/// Kills every child process still running when the driver is interrupted (Ctrl-C, SIGTERM) or exits,
/// because the normal disposal path may be stuck in a grain call that waits for a dead cluster.
/// Children are killed, not stopped: a benchmark's cluster has nothing to save.
/// </summary>
internal static class ChildGuard
{
    private static readonly List<Action> Kills = [];

    static ChildGuard() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    /// <summary>Registers <paramref name="kill"/>, which must be idempotent.</summary>
    public static void Add(Action kill)
    {
        lock (Kills)
        {
            Kills.Add(kill);
        }
    }

    public static void KillAll()
    {
        Action[] kills;
        lock (Kills)
        {
            kills = [.. Kills];
        }

        foreach (var kill in kills)
        {
            try
            {
                kill();
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // exited (or disposed) meanwhile: nothing to kill
            }
        }
    }
}
