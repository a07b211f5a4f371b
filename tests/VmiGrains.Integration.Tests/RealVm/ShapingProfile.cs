namespace VmiGrains.Integration.Tests.RealVm;

/// <summary>
/// The profile the shaping tests attach: a network weight (so the allocation plans a bandwidth), a
/// policy (so the VMI has nft chains), and rules that delay the VMI's traffic by 100 ms on the
/// events <c>slow_short</c> (30 s) and <c>slow_long</c> (10 min).
/// </summary>
internal static class ShapingProfile
{
    public const string Id = "realvm-shaping";

    public const double ShortTtlSeconds = 30; // long enough that a loaded 2-core CI machine (load ~20) applies it and the test pings through it before it expires

    public static string Write()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("vmig-shaping-").FullName, Id + ".json");
        File.WriteAllText(path, $$"""
            {
              "id": "{{Id}}",
              "name": "Real-VM shaping test",
              "resource_weights": { "cpu": 0.3, "ram": 0.3, "network": 0.3, "storage": 0.1 },
              "behavioral_rules": [
                {
                  "name": "slow_link",
                  "source": "function on_event(vmi, event)\n  if event.name == \"slow_short\" then\n    return shape_network{ delay_ms = 100, ttl = {{ShortTtlSeconds}} }\n  end\n  if event.name == \"slow_long\" then\n    return shape_network{ delay_ms = 100, ttl = 600 }\n  end\nend\n"
                }
              ],
              "network_policy": { "default": "allow", "rules": [ { "direction": "ingress", "protocol": "tcp", "ports": "7", "action": "deny" } ] },
              "evaluation_interval": "1s"
            }
            """);
        return path;
    }
}
