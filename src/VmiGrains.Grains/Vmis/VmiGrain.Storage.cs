using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// Writes that fail leave grain and storage agreeing: the in-memory change is dropped with the activation
/// (nothing is written at deactivation) and the next call re-activates from what storage holds; the caller
/// gets a <see cref="StateStorageException"/> naming the provider and its reason at once, and nothing
/// after the failed write is applied. An etag conflict (<see cref="InconsistentStateException"/>: another
/// activation or writer changed the row) is reported the same way, not retried: the request was decided on
/// state that is no longer the stored one.
/// </summary>
internal sealed partial class VmiGrain
{
    /// <summary>A write failed: this activation's state is not the stored one and must not be written or used again.</summary>
    private bool _stateDiscarded;

    private async Task WriteAsync()
    {
        if (_stateDiscarded)
        {
            throw StorageFailed("an earlier write of this activation failed", conflict: false);
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (OrleansException ex)
        {
            _stateDiscarded = true;
            StopTicking();
            DeactivateOnIdle();
            var conflict = ex is InconsistentStateException;
            var reason = Reason(ex);
            VmiGrainsMetrics.RecordStateWriteFailure(conflict);
            LogWriteFailed(Id, StorageProvider, reason);
            throw StorageFailed(reason, conflict);
        }
    }

    private StateStorageException StorageFailed(string reason, bool conflict) =>
        new(StorageProvider, $"VMI {state.State.Registration?.Name ?? Id}", reason, conflict);

    private string StorageProvider =>
        $"{ServiceProvider.GetKeyedService<IGrainStorage>(StorageNames.Vmis)?.GetType().Name ?? "grain storage"} '{StorageNames.Vmis}'";

    /// <summary>The provider's own first line (Orleans wraps it in "Error from storage provider …").</summary>
    private static string Reason(Exception ex)
    {
        var inner = ex is InconsistentStateException ? ex : ex.GetBaseException();
        var line = inner.Message.Split('\n', 2)[0].Trim();
        return VmiStateBudget.Truncate(line, 300)!;
    }
}
