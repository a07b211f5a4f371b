using System.Text.Json;
using VmiGrains.Silo.Tests.Api;
using Xunit.Abstractions;

namespace VmiGrains.Silo.Tests.Storage;

/// <summary>
/// One VMI's state filled to its bounds on Azure Table Storage (the real Azurite): a rule that emits the
/// largest decisions the limits allow on every tick, a rule that injects syscall faults for ever new and
/// repeated apps, and a full <c>vmi.state</c>. Every operator action still works afterwards, the stored
/// entity stays under its budget, and a new silo reading storage sees what the first one said.
/// </summary>
public sealed class BoundedStateTests(ITestOutputHelper output)
{
    private const string Token = "bounded-state-token-0123456789";

    /// <summary>8 emits of 16 fields of 1,000 characters per tick: 128 KB of decision text every 250 ms.</summary>
    private const string BigEmits = """
        function on_tick(vmi)
          local n = (vmi.state.n or 0) + 1
          vmi.state.n = n
          for i = 1, 30 do vmi.state["k" .. i] = string.rep("s", 256) end
          local big = string.rep("x", 1000)
          local out = {}
          for i = 1, 8 do
            local f = { a_tick = tostring(n) }
            for j = 1, 15 do f["f" .. j] = big end
            out[#out + 1] = emit("big", f)
          end
          return out
        end
        """;

    /// <summary>7 faults per tick: each app comes back every 20 ticks, and there are 140 of them.</summary>
    private const string Faults = """
        function on_tick(vmi)
          local n = vmi.state.n or 0
          local out = {}
          for i = 1, 7 do
            out[#out + 1] = inject_syscall_fault{ syscall = "write", errno = "EIO", probability = 1, ttl = 3600, app = "app-" .. (n % 20) .. "-" .. i }
          end
          return out
        end
        """;

    [Fact]
    public async Task FillEveryBound_ThenOperatorActions_AllSucceed_StorageAgreesAfterRestart()
    {
        var serviceId = $"bounded-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string>
        {
            ["VmiGrains:Cluster:ServiceId"] = serviceId,
            ["VmiGrains:Storage:Default:Provider"] = "AzureTable",
            ["VmiGrains:Storage:Default:ConnectionString"] = TestServices.AzureStorage,
            ["VmiGrains:Api:Tokens:operator:Token"] = Token,
            ["VmiGrains:Api:Tokens:operator:Scopes"] = "read,write,exec",
        };
        string vmiId;
        await using (var silo = await SiloProcess.StartAsync(settings, Token))
        {
            using var client = silo.Client(Token);
            await DefineAsync(client, Profile("fill-bounds", ("big_emits", BigEmits), ("faults", Faults)));
            await DefineAsync(client, Profile("plain-a"));
            await DefineAsync(client, Profile("plain-b"));
            vmiId = (await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/web-01"))).GetProperty("vmi_id").GetString()!;
            await SucceedsAsync(silo, await client.PutAsync("/api/v1/vms/web-01/profile", Http.Json("""{"profile":"fill-bounds"}""")));

            // 40 ticks: ~5 MB of decisions and 280 fault injections on 140 apps, far past every bound.
            await Eventually.GetAsync(
                async () => await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/web-01/decisions")),
                log => log.EnumerateArray().Any(d => d.GetProperty("what").GetString()!.Contains("a_tick=40", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(60), "40 ticks of the filling rules");
            var view = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/web-01"));
            Assert.InRange(view.GetProperty("undo_records").GetArrayLength(), 1, 40);
            var (bytes, _, _) = await StoredEntity.ReadAsync(TestServices.AzureStorage, serviceId, vmiId);
            output.WriteLine($"stored entity of web-01 after 40 ticks: {bytes} bytes; {view.GetProperty("undo_records").GetArrayLength()} undo records");
            Assert.InRange(bytes, 1, 512 * 1024);

            await SucceedsAsync(silo, await client.DeleteAsync("/api/v1/vms/web-01/profile"));
            await SucceedsAsync(silo, await client.PutAsync("/api/v1/vms/web-01/profile", Http.Json("""{"profile":"plain-a"}""")));
            await SucceedsAsync(silo, await client.PutAsync("/api/v1/vms/web-01/profile", Http.Json("""{"profile":"plain-b"}""")));
            await SucceedsAsync(silo, await client.PostAsync("/api/v1/vms/web-01/exec", Http.Json("""{"path":"/bin/echo","args":["bounded"]}""")));
            var decisions = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/web-01/decisions"));
            Assert.Contains(decisions.EnumerateArray(), d => d.GetProperty("what").GetString() == "profile plain-b v1 attached");
        }

        // A new silo knows only what storage holds: the grain's last answers must be there.
        await using (var silo = await SiloProcess.StartAsync(settings, Token))
        {
            using var client = silo.Client(Token);
            var view = await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/web-01"));
            Assert.Equal("plain-b", view.GetProperty("profile_id").GetString());
            Assert.Equal(0, view.GetProperty("undo_records").GetArrayLength());
            var what = (await Http.ReadJsonAsync(await client.GetAsync("/api/v1/vms/web-01/decisions")))
                .EnumerateArray().Select(d => d.GetProperty("what").GetString()).ToList();
            Assert.Contains("profile detached", what);
            Assert.Contains("profile plain-a v1 attached", what);
            Assert.Contains("profile plain-b v1 attached", what);
            Assert.Contains(what, w => w!.Contains("/bin/echo", StringComparison.Ordinal));
        }

        var (after, _, _) = await StoredEntity.ReadAsync(TestServices.AzureStorage, serviceId, vmiId);
        Assert.InRange(after, 1, 512 * 1024);
    }

    internal static string Profile(string id, params (string Name, string Source)[] rules)
    {
        var profile = new Dictionary<string, object>
        {
            ["id"] = id,
            ["name"] = id,
            ["resource_weights"] = new Dictionary<string, double> { ["cpu"] = 0.4, ["ram"] = 0.2, ["network"] = 0.2, ["storage"] = 0.2 },
            ["evaluation_interval"] = "250ms",
        };
        if (rules.Length > 0)
        {
            profile["behavioral_rules"] = rules.Select(r => new Dictionary<string, string> { ["name"] = r.Name, ["source"] = r.Source }).ToList();
        }

        return JsonSerializer.Serialize(profile);
    }

    internal static async Task DefineAsync(HttpClient client, string profile)
    {
        using var response = await client.PostAsync("/api/v1/profiles", Http.Json(profile));
        Assert.True(response.IsSuccessStatusCode, $"defining a profile failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task SucceedsAsync(SiloProcess silo, HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}\nsilo log:\n{Tail(silo.Log)}");
        }
    }

    private static string Tail(string log) => log.Length > 6000 ? log[^6000..] : log;
}
