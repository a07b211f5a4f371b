namespace VmiGrains.Grains.Hosts;

/// <summary>Log messages of <see cref="HypervisorGrain"/>.</summary>
internal sealed partial class HypervisorGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host}: domain {Domain} has labels in its metadata that were left out: {Problems}")]
    private partial void LogLabelsDropped(string host, string domain, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host} active: {Cpus} CPUs, {MemoryMiB} MiB, {Domains} domain(s), driver {Driver}")]
    private partial void LogActivated(string host, int cpus, ulong memoryMiB, int domains, string driver);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host} rebalanced: {Moved} of {Vmis} VMI(s) changed ({Reason})")]
    private partial void LogRebalanced(string host, int moved, int vmis, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host}: a knob of {Domain} failed: {Failure}")]
    private partial void LogKnobFailed(string host, string domain, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host}: {Knob} of {Domain} is set but has no effect here: {Reason}")]
    private partial void LogKnobWithoutEffect(string host, string domain, string knob, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host}: statistics poll failed: {Error}")]
    private partial void LogStatsFailed(string host, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host}: knobs of {Domain} had drifted and were re-applied")]
    private partial void LogDriftCorrected(string host, string domain);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Host {Host}: VMI {Vmi} waits: {Why}")]
    private partial void LogDeferred(string host, string vmi, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host}: {Resource} contended = {Contended} (VMIs use {Demand:P1} of the host)")]
    private partial void LogPressureChanged(string host, string resource, bool contended, double demand);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host}: {Failed} of {Total} VMI registration(s) failed ({Error}); the next discovery, in {Interval}, registers them again")]
    private partial void LogRegistrationsFailed(string host, int failed, int total, string error, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host}: {Missing} claim(s) a rollout announced did not arrive in time; committing the {Claims} that did")]
    private partial void LogGatherTimedOut(string host, int missing, int claims);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host}: listing its domains failed ({Error}); tried again in {Interval}")]
    private partial void LogDiscoveryFailed(string host, string error, TimeSpan interval);
}
