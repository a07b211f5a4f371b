using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Profiles;

/// <summary>
/// Writes a profile in its canonical JSON form (the form <see cref="ProfileParser"/> reads):
/// fields in schema order, rules always as a named list, ports as strings, durations as text.
/// </summary>
public static class ProfileSerializer
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The canonical JSON text of <paramref name="profile"/>.</summary>
    public static string Serialize(ProfileDocument profile, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(profile);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, indented ? Indented : Compact))
        {
            Write(writer, profile);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes <paramref name="profile"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, ProfileDocument profile)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(profile);
        writer.WriteStartObject();
        writer.WriteString("id", profile.Id);
        writer.WriteString("name", profile.Name);
        if (profile.Description is not null)
        {
            writer.WriteString("description", profile.Description);
        }

        writer.WriteStartObject("resource_weights");
        writer.WriteNumber("cpu", profile.ResourceWeights.Cpu);
        writer.WriteNumber("ram", profile.ResourceWeights.Ram);
        writer.WriteNumber("network", profile.ResourceWeights.Network);
        writer.WriteNumber("storage", profile.ResourceWeights.Storage);
        writer.WriteEndObject();

        writer.WriteStartObject("application_priorities");
        foreach (var priority in profile.ApplicationPriorities)
        {
            if (priority.Level is { } level)
            {
                writer.WriteString(priority.App, PriorityLevels.NameOf(level));
            }
            else
            {
                writer.WriteStartObject(priority.App);
                writer.WriteNumber("nice", priority.Nice);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndObject();
        if (profile.BehavioralRules.Count > 0)
        {
            writer.WriteStartArray("behavioral_rules");
            foreach (var rule in profile.BehavioralRules)
            {
                writer.WriteStartObject();
                writer.WriteString("name", rule.Name);
                writer.WriteString("source", rule.Source);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WritePolicy(writer, profile.NetworkPolicy);
        writer.WriteString("evaluation_interval", DurationFormat.Format(profile.EvaluationInterval));
        writer.WriteStartObject("labels");
        foreach (var (key, value) in profile.Labels.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        if (profile.AllowedPrograms is { } programs)
        {
            writer.WriteStartArray("allowed_programs");
            foreach (var program in programs)
            {
                writer.WriteStringValue(program);
            }

            writer.WriteEndArray();
        }

        if (profile.Observers is { } observers)
        {
            writer.WriteStartObject("observers");
            writer.WriteString("interval", DurationFormat.Format(observers.Interval));
            writer.WriteBoolean("users", observers.Users);
            WriteStrings(writer, "applications", observers.Applications);
            if (observers.Syscalls is { } syscalls)
            {
                writer.WriteStartObject("syscalls");
                WriteStrings(writer, "applications", syscalls.Applications);
                WriteStrings(writer, "calls", syscalls.Calls);
                if (syscalls.Paths.Count > 0)
                {
                    WriteStrings(writer, "paths", syscalls.Paths);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        if (profile.RolloutGate is { } gate)
        {
            writer.WriteStartObject("rollout_gate");
            writer.WriteString("metric", gate.Metric);
            writer.WriteString("statistic", gate.Statistic);
            if (gate.MaxIncrease is { } increase)
            {
                writer.WriteNumber("max_increase", increase);
            }

            if (gate.MaxIncreasePercent is { } percent)
            {
                writer.WriteNumber("max_increase_percent", percent);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WritePolicy(Utf8JsonWriter writer, NetworkPolicy policy)
    {
        writer.WriteStartObject("network_policy");
        writer.WriteString("default", policy.Default == PolicyDefault.Allow ? "allow" : "deny");
        writer.WriteStartArray("rules");
        foreach (var rule in policy.Rules)
        {
            writer.WriteStartObject();
            writer.WriteString("direction", rule.Direction == TrafficDirection.Ingress ? "ingress" : "egress");
            writer.WriteString("protocol", rule.Protocol.ToString().ToLowerInvariant());
            if (rule.Ports is { } ports)
            {
                writer.WriteString("ports", ports.ToString());
            }

            if (rule.Cidr is { } cidr)
            {
                writer.WriteString("cidr", cidr);
            }

            writer.WriteString("action", rule.Action.ToString().ToLowerInvariant());
            if (rule.App is { } app)
            {
                writer.WriteString("app", app);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
