using System.Text.Json;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Rules;

namespace VmiGrains.Domain.Profiles;

/// <summary>
/// Reads a parsed JSON document into a <see cref="ProfileDocument"/>, collecting every error with
/// its JSON path instead of stopping at the first. Sections live in the partial files beside this one.
/// </summary>
internal sealed partial class ProfileReader(IRuleCompiler? compiler)
{
    private readonly List<ValidationError> _errors = [];

    /// <summary>Errors found so far, in document order.</summary>
    public IReadOnlyList<ValidationError> Errors => _errors;

    /// <summary>Reads the root; returns <c>null</c> when any error was found.</summary>
    public ProfileDocument? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Fail("$", "a profile must be a JSON object", Show(root), "wrap the fields in { }");
            return null;
        }

        CheckFields(root, "$", ProfileFields.Root);
        RequireFields(root, "$", ProfileFields.RootRequired);

        var id = OptionalString(root, "$", "id") is { } rawId ? ReadId(rawId) : null;
        var name = ReadName(root);
        var description = OptionalString(root, "$", "description");
        if (description is not null && description.Length > ProfileLimits.MaxDescriptionLength)
        {
            Fail("$.description", $"is {description.Length} characters long; the limit is {ProfileLimits.MaxDescriptionLength}", null, "shorten the description");
        }

        var weights = Field(root, "resource_weights", out var w) ? ReadWeights(w) : null;
        var priorities = Field(root, "application_priorities", out var ap) ? ReadPriorities(ap) : [];
        var rules = Field(root, "behavioral_rules", out var br) ? ReadRules(br) : [];
        var policy = Field(root, "network_policy", out var np) ? ReadPolicy(np) : NetworkPolicy.AllowAll;
        var interval = Field(root, "evaluation_interval", out var ei) ? ReadInterval(ei) : ProfileDocument.DefaultEvaluationInterval;
        var labels = Field(root, "labels", out var lb) ? ReadLabels(lb) : new Dictionary<string, string>();
        var programs = Field(root, "allowed_programs", out var prog) ? ReadPrograms(prog) : null;
        var observers = Field(root, "observers", out var obs) ? ReadObservers(obs) : null;
        var gate = Field(root, "rollout_gate", out var rg) ? ReadRolloutGate(rg) : null;

        if (_errors.Count > 0 || id is null || name is null || weights is null || policy is null)
        {
            return null;
        }

        return new ProfileDocument
        {
            Id = id,
            Name = name,
            Description = description,
            ResourceWeights = weights,
            ApplicationPriorities = priorities,
            BehavioralRules = rules,
            NetworkPolicy = policy,
            EvaluationInterval = interval,
            Labels = labels,
            AllowedPrograms = programs,
            Observers = observers,
            RolloutGate = gate,
        };
    }

    private void Fail(string path, string message, string? value, string? fix) =>
        _errors.Add(new ValidationError(path, message, value, fix));

    private static string Show(JsonElement value) => JsonPaths.Show(value);

    /// <summary>True when the field is present and not null (null counts as absent).</summary>
    private static bool Field(JsonElement obj, string name, out JsonElement value) =>
        obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
}
