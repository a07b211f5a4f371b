using Microsoft.Extensions.Options;
using VmiGrains.Silo.Configuration;

namespace VmiGrains.Silo.Tests.Configuration;

/// <summary>vmi-silo finds options failures however the host wraps them, and nothing else.</summary>
public sealed class OptionsFailuresTests
{
    private static readonly OptionsValidationException Ticks =
        new(Options.DefaultName, typeof(object), ["VmiGrains:Ticks:SlotSize: must be …"]);

    private static readonly OptionsValidationException Library =
        new(Options.DefaultName, typeof(Uri), ["must be set"]);

    [Fact]
    public void Find_AggregateOfWrappedFailures_ListsEveryFailure()
    {
        var thrown = new AggregateException(Ticks, new InvalidOperationException("hosting", Library));

        Assert.Equal(["VmiGrains:Ticks:SlotSize: must be …", "Uri: must be set"], OptionsFailures.Find(thrown));
    }

    [Fact]
    public void Find_FailureBesideAnotherError_IsNull()
    {
        Assert.Null(OptionsFailures.Find(new AggregateException(Ticks, new IOException("disk"))));
        Assert.Null(OptionsFailures.Find(new InvalidOperationException("no inner")));
    }
}
