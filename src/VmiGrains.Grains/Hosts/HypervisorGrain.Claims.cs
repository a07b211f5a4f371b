using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Grains.Hosts;

/// <summary>
/// Claims (and detaches' claim removals) are committed in groups. Every claim that arrives while the host is busy (re-planning,
/// applying through libvirt, writing its state) joins the next group, and one re-plan, one state
/// write and one round of libvirt changes serves the whole group. A rollout that changes the
/// profile of the host's N VMIs therefore costs a few re-plans instead of N, each of which touches
/// every VMI of the host (profile changes bypass the damper so shares stay zero-sum); an idle host
/// still answers a single claim at once. <see cref="UpdateClaimAsync"/> interleaves so that claims
/// can queue up; <see cref="ExclusiveAsync"/> serialises everything that plans, applies or writes state.
/// A rollout announces its wave's VMIs (<see cref="ExpectClaimsAsync"/>): the group they join waits for all of
/// them (bounded in time) before it is committed, so a wave costs the host one re-plan.
/// </summary>
internal sealed partial class HypervisorGrain
{
    private Task _exclusive = Task.CompletedTask;
    private ClaimGroup _next = new();
    private Task _committing = Task.CompletedTask;

    public async Task<Allocation?> UpdateClaimAsync(string vmiId, ResourceVector weights, ResourceVector? demand, bool force, string reason)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var allocations = await JoinNextGroupAsync(group => group.Add(vmiId, new ClaimRecord(weights, demand ?? ResourceVector.Unknown), force, reason));
        return force ? allocations.GetValueOrDefault(vmiId) : null;
    }

    public Task ExpectClaimsAsync(IReadOnlyList<string> vmiIds, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(vmiIds);
        _next.Expect(vmiIds, time.GetUtcNow() + within);
        return Task.CompletedTask;
    }

    public Task DismissClaimAsync(string vmiId)
    {
        _next.Dismiss(vmiId);
        return Task.CompletedTask;
    }

    /// <summary>Puts a claim or a removal into the next group and waits until a commit took it.</summary>
    private async Task<IReadOnlyDictionary<string, Allocation>> JoinNextGroupAsync(Action<ClaimGroup> join)
    {
        var group = _next;
        join(group);
        while (!group.Completion.Task.IsCompleted)
        {
            if (_committing.IsCompleted)
            {
                _committing = CommitNextGroupAsync();
            }

            // Either this commit takes our group, or it was already running and the next one will.
            await Task.WhenAny(_committing, group.Completion.Task);
        }

        return await group.Completion.Task;
    }

    private async Task CommitNextGroupAsync()
    {
        await GatheredAsync(_next);
        await CommitAsync();
    }

    /// <summary>Waits until the claims a rollout announced for <paramref name="group"/> are in, or its deadline.</summary>
    private async Task GatheredAsync(ClaimGroup group)
    {
        if (group.GatherUntil is not { } until || group.Gathered.Task.IsCompleted)
        {
            return;
        }

        try
        {
            await group.Gathered.Task.WaitAsync(until - time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero, time);
        }
        catch (TimeoutException)
        {
            LogGatherTimedOut(HostName, group.Missing, group.Claims.Count);
        }
    }

    private Task CommitAsync() => ExclusiveAsync(async () =>
    {
        var group = _next;
        _next = new ClaimGroup();
        try
        {
            var removed = false;
            foreach (var vmiId in group.Removed)
            {
                removed |= ForgetClaim(vmiId);
            }

            var changed = removed;
            foreach (var (vmiId, claim) in group.Claims)
            {
                changed |= !state.State.Claims.TryGetValue(vmiId, out var old) || old.Weights != claim.Weights || old.Usage != claim.Usage;
                state.State.Claims[vmiId] = claim;
            }

            if (changed)
            {
                await state.WriteStateAsync();
            }

            VmiGrainsMetrics.RecordClaimGroup(HostName, group.Claims.Count);
            // A detach forces every VMI past damping, so the shares it leaves are handed out at once.
            group.Completion.TrySetResult(await RebalanceAsync(group.Forced, group.Reason, forceAll: removed));
        }
        catch (Exception ex)
        {
            group.Completion.TrySetException(ex);
        }
    });

    /// <summary>
    /// Runs <paramref name="work"/> alone: after everything exclusive that started before it, and
    /// before anything that starts later. The grain runs one turn at a time, so a chain of tasks is the lock.
    /// </summary>
    private async Task ExclusiveAsync(Func<Task> work)
    {
        var previous = _exclusive;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _exclusive = done.Task;
        try
        {
            await previous;
            await work();
        }
        finally
        {
            done.SetResult();
        }
    }

    private async Task<T> ExclusiveAsync<T>(Func<Task<T>> work)
    {
        T result = default!;
        await ExclusiveAsync(async () => { result = await work(); });
        return result;
    }

    /// <summary>The claims that arrived while the previous group was being committed.</summary>
    private sealed class ClaimGroup
    {
        private readonly List<string> _reasons = [];
        private readonly HashSet<string> _expected = new(StringComparer.Ordinal);

        /// <summary>Until when the group waits for the claims a rollout announced; null when none were.</summary>
        public DateTimeOffset? GatherUntil { get; private set; }

        /// <summary>Completed when every announced claim is in (or was dismissed).</summary>
        public TaskCompletionSource Gathered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Announced claims not in yet.</summary>
        public int Missing => _expected.Count;

        public void Expect(IEnumerable<string> vmiIds, DateTimeOffset until)
        {
            _expected.UnionWith(vmiIds);
            GatherUntil = GatherUntil is { } earlier && earlier > until ? earlier : until;
            Check();
        }

        public void Dismiss(string vmiId)
        {
            _expected.Remove(vmiId);
            Check();
        }

        private void Check()
        {
            if (_expected.Count == 0)
            {
                Gathered.TrySetResult();
            }
        }

        public Dictionary<string, ClaimRecord> Claims { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Forced { get; } = new(StringComparer.Ordinal);

        /// <summary>VMIs detached: their claims leave the host in this commit.</summary>
        public HashSet<string> Removed { get; } = new(StringComparer.Ordinal);

        public TaskCompletionSource<IReadOnlyDictionary<string, Allocation>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Reason => _reasons.Count switch
        {
            0 => "claims updated",
            1 => _reasons[0],
            _ => $"{_reasons[0]} (+{_reasons.Count - 1} more claim(s))",
        };

        public void Remove(string vmiId, string reason)
        {
            Claims.Remove(vmiId);
            Forced.Remove(vmiId);
            Removed.Add(vmiId);
            _reasons.Add(reason);
        }

        public void Add(string vmiId, ClaimRecord claim, bool force, string reason)
        {
            Removed.Remove(vmiId);
            Claims[vmiId] = claim;
            if (force)
            {
                Forced.Add(vmiId);
                _expected.Remove(vmiId); // a rollout's claim is forced; a demand update of the same VMI is not it
                Check();
            }

            _reasons.Add(reason);
        }
    }
}
