using System.Diagnostics.CodeAnalysis;

namespace VmiGrains.Domain.Guests;

/// <summary>
/// The outcome of a guest-agent call: a value, or a <see cref="GuestAgentError"/>. Agent trouble
/// (not connected, timeout, QGA error) is an expected outcome and is returned, never thrown.
/// </summary>
/// <typeparam name="T">The value of a successful call.</typeparam>
[GenerateSerializer, Immutable, Alias("VmiGrains.GuestAgentResult`1")]
public sealed record GuestAgentResult<T>
{
    [Id(0)]
    private readonly T? _value;

    internal GuestAgentResult(T? value, GuestAgentError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The error; <c>null</c> on success.</summary>
    [Id(1)]
    public GuestAgentError? Error { get; }

    /// <summary><c>true</c> when the call succeeded and <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; throws <see cref="InvalidOperationException"/> when the call failed (check <see cref="IsSuccess"/>).</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"the guest-agent call failed, there is no value: {Error}");

    /// <summary>The same failure carried as another result type.</summary>
    public GuestAgentResult<TOther> As<TOther>() =>
        IsSuccess ? throw new InvalidOperationException("only a failed result can change its value type") : GuestAgentResult.Failure<TOther>(Error);

    /// <summary><c>ok VALUE</c> or the error.</summary>
    public override string ToString() => IsSuccess ? $"ok {_value}" : Error.ToString();
}
