using YamlDotNet.RepresentationModel;

namespace VmiGrains.Silo.Tests.Deploy;

/// <summary><c>deploy/prometheus/vmigrains-rules.yml</c> and <c>deploy/grafana/vmigrains-dashboard.json</c>, read for their expressions.</summary>
internal static class PrometheusRules
{
    public static string File => RepoPaths.Of("deploy", "prometheus", "vmigrains-rules.yml");

    public static string Dashboard => RepoPaths.Of("deploy", "grafana", "vmigrains-dashboard.json");

    /// <summary>(rule name, expr) of every recording and alerting rule.</summary>
    public static IReadOnlyList<(string Name, string Expr, bool Recording)> Rules()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(File))
        {
            stream.Load(reader);
        }

        var rules = new List<(string, string, bool)>();
        var groups = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["groups"];
        foreach (YamlMappingNode group in groups)
        {
            foreach (YamlMappingNode rule in (YamlSequenceNode)group["rules"])
            {
                var recording = rule.Children.ContainsKey(new YamlScalarNode("record"));
                var name = ((YamlScalarNode)rule[recording ? "record" : "alert"]).Value!;
                rules.Add((name, ((YamlScalarNode)rule["expr"]).Value!, recording));
            }
        }

        return rules;
    }

    /// <summary>(panel title, expr) of every query of the dashboard.</summary>
    public static IReadOnlyList<(string Panel, string Expr)> DashboardQueries()
    {
        using var document = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(Dashboard));
        return [.. document.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (p.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)))];
    }
}
