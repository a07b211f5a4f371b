using VmiGrains.Domain.Guests;

namespace VmiGrains.GuestAgent;

/// <summary>
/// Final statuses by pid. QGA answers <c>guest-exec-status</c> with the exit only once and then
/// forgets the pid, so the client keeps the last <c>capacity</c> finished statuses (oldest dropped
/// first) and forgets a pid when the agent hands it out again.
/// </summary>
internal sealed class FinishedExecs(int capacity)
{
    private readonly Dictionary<long, ExecStatus> _byPid = [];
    private readonly Queue<long> _order = new();
    private readonly Lock _lock = new();

    public bool TryGet(long pid, out ExecStatus status)
    {
        lock (_lock)
        {
            return _byPid.TryGetValue(pid, out status!);
        }
    }

    public void Add(ExecStatus status)
    {
        lock (_lock)
        {
            if (_byPid.TryAdd(status.Pid, status))
            {
                _order.Enqueue(status.Pid);
            }

            while (_order.Count > capacity && _order.TryDequeue(out var oldest))
            {
                _byPid.Remove(oldest);
            }
        }
    }

    public void Forget(long pid)
    {
        lock (_lock)
        {
            // The pid stays in the order queue; removing it later is harmless.
            _byPid.Remove(pid);
        }
    }
}
