namespace VmiGrains.Rules.Sandbox.Patterns;

/// <summary>Lua's <c>%a %c %d %g %l %p %s %u %w %x %z</c> classes in the C locale; an upper-case letter negates.</summary>
internal static class CharClass
{
    public static bool Matches(int c, int cl)
    {
        bool res;
        switch (cl | 0x20)
        {
            case 'a': res = IsAlpha(c); break;
            case 'c': res = c < 32 || c == 127; break;
            case 'd': res = c is >= '0' and <= '9'; break;
            case 'g': res = c is > 32 and < 127; break;
            case 'l': res = c is >= 'a' and <= 'z'; break;
            case 'p': res = c is > 32 and < 127 && !IsAlpha(c) && c is not (>= '0' and <= '9'); break;
            case 's': res = c is ' ' or (>= '\t' and <= '\r'); break;
            case 'u': res = c is >= 'A' and <= 'Z'; break;
            case 'w': res = IsAlpha(c) || c is >= '0' and <= '9'; break;
            case 'x': res = c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F'); break;
            case 'z': res = c == 0; break; // deprecated in Lua, still accepted

            default: return cl == c;
        }

        return cl is >= 'A' and <= 'Z' ? !res : res;
    }

    private static bool IsAlpha(int c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
