namespace VmiGrains.Silo.Clustering;

/// <summary>Finds, in what the host's start threw (Orleans wraps it), the reason this silo refused to join.</summary>
internal static class StartupRefusal
{
    public static ClockSkewException? Find(Exception? exception) => exception switch
    {
        null => null,
        ClockSkewException skew => skew,
        AggregateException all => all.InnerExceptions.Select(Find).FirstOrDefault(e => e is not null),
        _ => Find(exception.InnerException),
    };
}
