using VmiGrains.Abstractions.Profiles;
using VmiGrains.Domain.Guests;

namespace VmiGrains.Domain.Tests.Guests;

public sealed class PriorityChangesTests
{
    private static ApplicationPriority P(string app, int nice) => new(app, null, nice);

    [Fact]
    public void Between_SwitchToAProfileThatDropsAnApp_ResetsItToNormalAfterTheNewPriorities()
    {
        var changes = PriorityChanges.Between([P("blender", -10), P("updatedb", 19)], [P("blender", 0), P("firefox", -5)]);

        Assert.Equal(["blender=0", "firefox=-5", "updatedb=0"], changes.Select(c => $"{c.App}={c.Nice}"));
        Assert.Equal(PriorityLevel.Normal, changes[^1].Level);
    }

    [Fact]
    public void Between_Detach_ResetsEveryAppThePreviousProfileMovedAndNothingElse()
    {
        var changes = PriorityChanges.Between([P("sshd", 0), P("updatedb", 19), P("blender", -10)], null);

        Assert.Equal(["blender=0", "updatedb=0"], changes.Select(c => $"{c.App}={c.Nice}"));
    }

    [Fact]
    public void Between_FirstAttachOrGuestRestart_IsTheProfilesOwnPriorities()
    {
        var next = new[] { P("blender", -10) };

        Assert.Equal(next, PriorityChanges.Between(null, next));
        Assert.Empty(PriorityChanges.Between(null, null));
    }
}
