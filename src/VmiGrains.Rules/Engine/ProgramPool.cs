using System.Collections.Concurrent;
using VmiGrains.Domain.Rules;
using VmiGrains.Rules.Sandbox;

namespace VmiGrains.Rules.Engine;

/// <summary>
/// Idle Lua states of one program (profile id + version). Rent gives a state to one thread; a
/// state is never shared by two calls at once and never serves another program.
/// </summary>
internal sealed class ProgramPool(RuleProgram program, SandboxLimits limits, int maxIdle) : IDisposable
{
    private readonly ConcurrentBag<LoadedProgram> _idle = [];
    private int _disposed;

    public RuleProgram Program { get; } = program;

    public int IdleCount => _idle.Count;

    public LoadedProgram Rent() => _idle.TryTake(out var loaded) ? loaded : new LoadedProgram(Program, limits);

    public void Return(LoadedProgram loaded)
    {
        if (Volatile.Read(ref _disposed) == 0 && loaded.Sandbox.Healthy && _idle.Count < maxIdle)
        {
            _idle.Add(loaded);
            if (Volatile.Read(ref _disposed) == 0 || !_idle.TryTake(out var again))
            {
                return;
            }

            again.Dispose();
            return;
        }

        loaded.Dispose();
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _disposed, 1);
        while (_idle.TryTake(out var loaded))
        {
            loaded.Dispose();
        }
    }
}
