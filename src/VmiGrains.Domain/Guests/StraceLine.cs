using System.Globalization;

namespace VmiGrains.Domain.Guests;

/// <summary>
/// One line of <c>strace -f -ttt</c>: <c>PID SECONDS.MICROS NAME(ARGS) = RET</c>, or
/// <c>… NAME(ARGS &lt;unfinished ...&gt;</c> (counted now; its <c>&lt;... NAME resumed&gt;</c> line later is not a
/// second call). The PID column may be missing (one process traced, no forks yet).
/// </summary>
internal static class StraceLine
{
    private const string Unfinished = " <unfinished ...>";

    /// <summary>Parses a call line; false for resumed, signal, exit and malformed lines.</summary>
    public static bool TryParse(string line, out SyscallRecord record)
    {
        record = null!;
        var rest = line.AsSpan().TrimStart();
        long pid = 0;
        var first = Word(ref rest);
        if (!first.Contains('.') && long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out pid))
        {
            first = Word(ref rest);
        }

        if (!double.TryParse(first, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var time))
        {
            return false;
        }

        var open = rest.IndexOf('(');
        if (open <= 0 || !IsName(rest[..open]))
        {
            return false; // "<... connect resumed>", "+++ exited", "--- SIGCHLD"
        }

        var name = rest[..open].ToString();
        var body = rest[(open + 1)..];
        string args;
        string? ret = null;
        if (body.EndsWith(Unfinished, StringComparison.Ordinal))
        {
            args = body[..^Unfinished.Length].ToString();
        }
        else
        {
            var eq = body.LastIndexOf(") = ", StringComparison.Ordinal);
            if (eq < 0)
            {
                return false;
            }

            args = body[..eq].ToString();
            ret = body[(eq + 4)..].ToString();
        }

        record = new SyscallRecord(string.Empty, 0, pid, time, name, args, ret, FirstString(args));
        return true;
    }

    private static ReadOnlySpan<char> Word(ref ReadOnlySpan<char> rest)
    {
        var end = rest.IndexOf(' ');
        var word = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[end..].TrimStart();
        return word;
    }

    private static bool IsName(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The first double-quoted string of the arguments, decoded as strace escapes it (<c>\"</c>, <c>\\</c>,
    /// <c>\n</c>, <c>\t</c>, <c>\r</c>, <c>\v</c>, <c>\f</c>, octal <c>\303</c> and hex <c>\xc3</c> bytes, read as UTF-8);
    /// a string strace cut (<c>"..."...</c>) ends with <c>...</c>.
    /// </summary>
    private static string? FirstString(string args)
    {
        var start = args.IndexOf('"', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = start + 1; i < args.Length; i++)
        {
            var c = args[i];
            if (c == '"')
            {
                var text = System.Text.Encoding.UTF8.GetString([.. bytes]);
                return i + 3 < args.Length && args.AsSpan(i + 1, 3) is "..." ? text + "..." : text;
            }

            if (c == '\\' && i + 1 < args.Length)
            {
                var next = args[++i];
                if (next is >= '0' and <= '7')
                {
                    var value = 0;
                    for (var n = 0; n < 3 && i < args.Length && args[i] is >= '0' and <= '7'; n++, i++)
                    {
                        value = (value * 8) + (args[i] - '0');
                    }

                    i--;
                    bytes.Add((byte)value);
                    continue;
                }

                if (next == 'x' && i + 2 < args.Length && byte.TryParse(args.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
                {
                    bytes.Add(hex);
                    i += 2;
                    continue;
                }

                c = next switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'v' => '\v', 'f' => '\f', _ => next };
            }

            bytes.AddRange(utf8[..System.Text.Encoding.UTF8.GetBytes([c], utf8)]);
        }

        return null; // unterminated: not a string argument
    }
}
