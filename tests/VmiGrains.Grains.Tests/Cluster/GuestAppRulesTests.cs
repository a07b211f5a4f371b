using VmiGrains.Abstractions.Grains;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// Per-app network rules go to the guest through the host's agent, behind a durable undo record. The test
/// cluster's VMIs have no agent: the decisions say exactly that instead of claiming the rules are in force.
/// (tests/VmiGrains.Integration.Tests/RealVm/GuestAppRulesOnRealHostTests proves them in a real guest.)
/// </summary>
[Collection(ClusterDefinition.Name)]
public sealed class GuestAppRulesTests(ClusterFixture fixture)
{
    private const string Profile = """
        {"id":"app-rules","name":"App rules","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},
         "network_policy":{"default":"allow","rules":[{"direction":"egress","protocol":"tcp","ports":"443","app":"firefox","action":"allow"}]}}
        """;

    [Fact]
    public async Task ApplyProfile_AppRuleWithoutGuestAgent_UndoRecordFirstAndDecisionsNameTheAgentProblem()
    {
        await fixture.Client.GetGrain<IProfileGrain>("app-rules").DefineAsync(Profile);
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("render-01"));

        await vmi.ApplyProfileAsync("app-rules");
        var undo = Assert.Single((await vmi.GetAsync()).UndoRecords, u => u.Kind == "guest-app-firewall");
        await vmi.DetachAsync();
        var decisions = await vmi.GetDecisionsAsync();

        Assert.Equal("per-app network rules in the guest (nft table inet vmigrains_app): 1 rule(s) for firefox", undo.Description);
        Assert.Null(undo.ExpiresAt);
        var applied = Assert.Single(decisions, d => d.Kind == "network" && d.What.StartsWith("applied per-app network rules in the guest", StringComparison.Ordinal));
        Assert.Contains("— in the guest: NotConnected", applied.What, StringComparison.Ordinal);
        Assert.Contains(decisions, d => d.Kind == "undo" && d.Reason == "profile detached" && d.Before == undo.Description);
        Assert.Contains(decisions, d => d.Kind == "network" && d.What.StartsWith("per-app network rules removed from the guest", StringComparison.Ordinal));
        Assert.DoesNotContain((await vmi.GetAsync()).UndoRecords, u => u.Kind == "guest-app-firewall");
    }
}
