using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Cli.Output;

namespace VmiGrains.Cli.Commands;

/// <summary>Polls a rollout and draws its progress until it stops (finished or paused); the rollout runs on without the CLI.</summary>
internal static class RolloutProgress
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    public static async Task<RolloutView> FollowAsync(IRolloutGrain grain, RolloutView view, TextWriter error)
    {
        var bar = new ProgressLine(error, view.Total, $"{view.Request.ProfileId} → v{view.ToVersion}");
        var gates = 0;
        while (true)
        {
            bar.Report(view.Switched);
            foreach (var gate in view.Decisions.Where(d => d.Kind == "rollout-gate").Skip(gates))
            {
                await error.WriteLineAsync($"{gate.What}: {gate.Reason}");
                gates++;
            }

            if (view.Finished || view.Status == RolloutStatus.Paused)
            {
                bar.Finish();
                return view;
            }

            await Task.Delay(Every);
            view = await grain.GetAsync();
        }
    }
}
