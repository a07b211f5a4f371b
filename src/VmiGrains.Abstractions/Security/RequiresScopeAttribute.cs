namespace VmiGrains.Abstractions.Security;

/// <summary>
/// The scope (<see cref="Scopes"/>) a gateway client needs to call this grain method. Every method of
/// the public grain interfaces declares one; a silo refuses a client's call to a method without it.
/// </summary>
/// <param name="scope">One of <see cref="Scopes"/>.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RequiresScopeAttribute(string scope) : Attribute
{
    /// <summary>The scope.</summary>
    public string Scope { get; } = scope;
}
