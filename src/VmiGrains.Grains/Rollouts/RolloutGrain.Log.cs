using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Rollouts;

internal sealed partial class RolloutGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {Rollout}: host {Host} was not told of its wave's VMIs ({Error}); their claims are grouped as they arrive")]
    private partial void LogHostNotTold(string rollout, string host, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {Rollout}: no metric baseline for VMI {Vmi} ({Error}); it does not count for the wave's metric condition")]
    private partial void LogNoBaseline(string rollout, string vmi, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {Rollout} of {Profile} to v{Version} started: {Vmis} VMI(s) in {Waves} wave(s)")]
    private partial void LogStarted(string rollout, string profile, int version, int vmis, int waves);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {Rollout}: {Wave} of {Vmis} VMI(s) applied; soaking")]
    private partial void LogWave(string rollout, string wave, int vmis);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {Rollout}: {Wave} gate passed={Passed}: {Evidence}")]
    private partial void LogGate(string rollout, string wave, bool passed, string evidence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {Rollout} re-activated while {Step}: its previous activation ended mid-rollout; continuing")]
    private partial void LogResumed(string rollout, string step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {Rollout} is {Status}: {Reason}")]
    private partial void LogStatus(string rollout, RolloutStatus status, string reason);
}
