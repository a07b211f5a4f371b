using System.Globalization;
using System.Text.RegularExpressions;

namespace VmiGrains.Rules.Engine;

/// <summary>Splits Lua's <c>chunk:LINE: message</c> into the line and the message.</summary>
internal static partial class LuaErrorText
{
    public static (int? Line, string Message) Split(string message, string ruleName)
    {
        var m = Position().Match(message);
        if (m.Success && (m.Groups[1].Value == ruleName || ruleName.StartsWith(m.Groups[1].Value.TrimEnd('.'), StringComparison.Ordinal)))
        {
            return (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m.Groups[3].Value);
        }

        return (null, message);
    }

    [GeneratedRegex(@"^([^\n]*?):(\d+): (.*)$", RegexOptions.Singleline)]
    private static partial Regex Position();
}
