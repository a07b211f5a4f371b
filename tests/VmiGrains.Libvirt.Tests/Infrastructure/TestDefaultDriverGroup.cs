namespace VmiGrains.Libvirt.Tests.Infrastructure;

/// <summary>
/// Tests that use <c>test:///default</c>, whose state is shared by every connection of the process
/// while any handle lives; they run one at a time so one test's handles do not keep another's state.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TestDefaultDriverGroup
{
    public const string Name = "test:///default";
}
