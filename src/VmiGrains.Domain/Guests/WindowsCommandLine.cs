using System.Text;

namespace VmiGrains.Domain.Guests;

/// <summary>
/// Joins arguments into one Windows command line that the C runtime (<c>CommandLineToArgvW</c>)
/// splits back into the same array. Rule: quote an argument when it is empty or has a space, tab or
/// quote; inside quotes a quote becomes <c>\"</c>, and backslashes are doubled only when they precede
/// a quote or the closing quote.
/// </summary>
internal static class WindowsCommandLine
{
    public static string Join(IEnumerable<string> args)
    {
        var sb = new StringBuilder();
        foreach (var arg in args)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            Append(sb, arg);
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string arg)
    {
        if (arg.Length > 0 && arg.IndexOfAny([' ', '\t', '"', '\n', '\v']) < 0)
        {
            sb.Append(arg);
            return;
        }

        sb.Append('"');
        var backslashes = 0;
        foreach (var c in arg)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            sb.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes);
            backslashes = 0;
            sb.Append(c);
        }

        sb.Append('\\', backslashes * 2).Append('"');
    }
}
