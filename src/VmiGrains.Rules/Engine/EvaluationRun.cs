using VmiGrains.Domain.Rules;
using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Rules.Engine;

/// <summary>Accumulates one evaluation: decisions, errors, failure counters and the evolving <c>vmi.state</c>.</summary>
internal sealed class EvaluationRun(VmiRuleState start, int failuresBeforeDisable)
{
    private readonly List<RuleDecision> _decisions = [];
    private readonly List<RuleError> _errors = [];
    private readonly List<DisabledRule> _disabledNow = [];
    private Dictionary<string, int>? _failures;
    private Dictionary<string, string>? _disabled;
    private IReadOnlyDictionary<string, FieldValue>? _values;

    public IReadOnlyDictionary<string, FieldValue> Values => _values ?? start.Values;

    public int ActionCount => _decisions.Count;

    public IReadOnlyList<DisabledRule> NewlyDisabled => _disabledNow;

    public bool IsDisabled(string rule) => (_disabled ?? start.Disabled).ContainsKey(rule);

    public void Fail(RuleError error)
    {
        _errors.Add(error);
        _failures ??= new Dictionary<string, int>(start.ConsecutiveFailures, StringComparer.Ordinal);
        var count = _failures.GetValueOrDefault(error.Rule) + 1;
        _failures[error.Rule] = count;
        if (count >= failuresBeforeDisable)
        {
            _disabled ??= new Dictionary<string, string>(start.Disabled, StringComparer.Ordinal);
            _disabled[error.Rule] = error.ToString();
            _disabledNow.Add(new DisabledRule(error.Rule, count, error));
        }
    }

    public void Succeed(string rule, List<RuleDecision> decisions, Dictionary<string, FieldValue> values)
    {
        _decisions.AddRange(decisions);
        if (!ScalarsEqual(Values, values))
        {
            _values = values;
        }

        if ((_failures ?? start.ConsecutiveFailures).ContainsKey(rule))
        {
            _failures ??= new Dictionary<string, int>(start.ConsecutiveFailures, StringComparer.Ordinal);
            _failures.Remove(rule);
        }
    }

    public RuleEvaluationResult ToResult()
    {
        var state = _failures is null && _disabled is null && _values is null
            ? start
            : start with
            {
                Values = Values,
                ConsecutiveFailures = _failures ?? start.ConsecutiveFailures,
                Disabled = _disabled ?? start.Disabled,
            };
        return new RuleEvaluationResult(_decisions, _errors, _disabledNow, state);
    }

    private static bool ScalarsEqual(IReadOnlyDictionary<string, FieldValue> a, Dictionary<string, FieldValue> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (k, v) in b)
        {
            if (!a.TryGetValue(k, out var other) || other != v)
            {
                return false;
            }
        }

        return true;
    }
}
