namespace VmiGrains.Grains.Vmis;

/// <summary>
/// Temporary changes: each is written to state before it takes effect, and undone on expiry, on a
/// profile switch or detach, and when the grain re-activates (after a crash, on another silo).
/// </summary>
internal sealed partial class VmiGrain
{
    private async Task AddUndoAsync(UndoRecord record)
    {
        // One override per resource, one shaping per VMI: the new one replaces the previous one.
        state.State.Undo.RemoveAll(u => u.Kind == record.Kind
            && ((record.Kind == UndoKinds.WeightOverride && u.Resource == record.Resource) || record.Kind == UndoKinds.Shaping));
        state.State.Undo.Add(record);
        var until = record.ExpiresAt is { } e ? $" until {e:HH:mm:ss}" : " until the profile changes";
        Record(record.Kind, $"{record.Description}{until}", record.Reason);
        await state.WriteStateAsync();
    }

    private async Task UndoExpiredAsync(string reason)
    {
        var now = time.GetUtcNow();
        var expired = state.State.Undo.Where(u => u.ExpiresAt is { } e && e <= now).ToList();
        if (expired.Count > 0)
        {
            await UndoAsync(expired, reason);
        }
    }

    private Task UndoAllAsync(string reason) =>
        state.State.Undo.Count == 0 ? Task.CompletedTask : UndoAsync([.. state.State.Undo], reason);

    private async Task UndoAsync(List<UndoRecord> records, string reason)
    {
        foreach (var record in records)
        {
            state.State.Undo.Remove(record);
            Record("undo", $"undid {record.Description}", reason, record.Description, null);
            LogUndone(Id, record.Kind, reason);
        }

        // The record leaves state only together with its decision; the host is told afterwards.
        await state.WriteStateAsync();
        if (records.Any(r => r.Kind == UndoKinds.WeightOverride))
        {
            await ClaimAsync(force: true, $"undo ({reason})");
        }

        if (records.Any(r => r.Kind == UndoKinds.Shaping) && state.State.Registration is not null)
        {
            await TryHostAsync(async _ => NoteNetwork("shaping removed", await Network.ClearShapingAsync(Id), $"undo ({reason})"));
            await state.WriteStateAsync();
        }

        foreach (var scoped in records.Where(r => r.Kind == UndoKinds.ScopedProfile && r.PreviousProfileId != state.State.ProfileId))
        {
            if (scoped.PreviousProfileId is { } previous)
            {
                await SwitchProfileAsync(previous, scoped.PreviousProfileVersion, $"scoped profile ended ({reason})");
            }
            else
            {
                await DetachAsync();
            }
        }
    }
}
