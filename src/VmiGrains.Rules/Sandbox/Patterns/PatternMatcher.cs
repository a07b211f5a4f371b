using System.Runtime.CompilerServices;

namespace VmiGrains.Rules.Sandbox.Patterns;

/// <summary>
/// Lua 5.4 patterns (the semantics of <c>lstrlib.c</c>: classes, sets, <c>* + - ?</c>, captures,
/// position captures, back references, <c>%b</c>, <c>%f</c>, anchors) over bytes, with a step
/// budget. Lua's own matcher runs inside one C call where no hook can stop it, and backtracking
/// patterns take exponential time; this one charges every matcher call and every character an
/// expansion tries to <see cref="PatternBudget"/>, so a scan costs at most its budget.
/// Character classes follow the C locale, as Lua's do in a process that never calls setlocale.
/// </summary>
internal ref struct PatternMatcher
{
    /// <summary>Lua's LUA_MAXCAPTURES.</summary>
    public const int MaxCaptures = 32;

    /// <summary>Ints a scan's output needs: match start and end, then start and length per capture.</summary>
    public const int OutputLength = 2 + (2 * MaxCaptures);

    /// <summary>Capture length of a capture still open.</summary>
    public const int Unfinished = -1;

    /// <summary>Capture length of a position capture <c>()</c>.</summary>
    public const int Position = -2;

    private const int MaxDepth = 200; // Lua's MAXCCALLS for patterns
    private const byte Esc = (byte)'%';

    private readonly ReadOnlySpan<byte> _s;
    private readonly ReadOnlySpan<byte> _p;
    private readonly Span<int> _capStart;
    private readonly Span<int> _capLen;
    private ref PatternBudget _budget;
    private int _level;
    private int _depth;
    private PatternOutcome _error;
    private int _errorDetail;

    private PatternMatcher(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> pattern, Span<int> capStart, Span<int> capLen, ref PatternBudget budget)
    {
        _s = subject;
        _p = pattern;
        _capStart = capStart;
        _capLen = capLen;
        _budget = ref budget;
    }

    /// <summary>
    /// Finds the first position at or after <paramref name="init"/> (0-based; only there when
    /// <paramref name="anchor"/>) where <paramref name="pattern"/> matches, skipping an empty match
    /// that ends at <paramref name="noEmptyAt"/> (gsub/gmatch never match empty right after a match).
    /// Returns the number of captures and fills <paramref name="output"/>, or a <see cref="PatternOutcome"/>
    /// (for <see cref="PatternOutcome.InvalidCaptureIndex"/> with the index in <c>output[0]</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Scan(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> pattern, int init, bool anchor, int noEmptyAt, Span<int> output, ref PatternBudget budget)
    {
        Span<int> starts = stackalloc int[MaxCaptures];
        Span<int> lengths = stackalloc int[MaxCaptures];
        var m = new PatternMatcher(subject, pattern, starts, lengths, ref budget);
        for (var s = init; s <= subject.Length; s++)
        {
            m._level = 0;
            m._depth = MaxDepth;
            var e = m.Match(s, 0);
            if (m._error != 0)
            {
                output[0] = m._errorDetail;
                return (int)m._error;
            }

            if (e >= 0 && !(e == s && e == noEmptyAt))
            {
                output[0] = s;
                output[1] = e;
                for (var i = 0; i < m._level; i++)
                {
                    output[2 + (2 * i)] = starts[i];
                    output[3 + (2 * i)] = lengths[i];
                }

                return m._level;
            }

            if (anchor || !budget.Spend())
            {
                return anchor ? (int)PatternOutcome.NoMatch : (int)PatternOutcome.Budget;
            }
        }

        return (int)PatternOutcome.NoMatch;
    }

    /// <summary>
    /// Plain substring search from <paramref name="init"/>: the index, <see cref="PatternOutcome.NoMatch"/>
    /// or <see cref="PatternOutcome.Budget"/>. Each candidate costs a step plus one per 64 bytes compared.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int FindPlain(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> needle, int init, ref PatternBudget budget)
    {
        if (needle.IsEmpty)
        {
            return init;
        }

        var at = init;
        while (at + needle.Length <= subject.Length)
        {
            var next = subject[at..(subject.Length - needle.Length + 1)].IndexOf(needle[0]);
            if (next < 0)
            {
                return (int)PatternOutcome.NoMatch;
            }

            at += next;
            if (!budget.Spend(1 + (needle.Length / 64) + (next / 64)))
            {
                return (int)PatternOutcome.Budget;
            }

            if (subject.Slice(at, needle.Length).SequenceEqual(needle))
            {
                return at;
            }

            at++;
        }

        return (int)PatternOutcome.NoMatch;
    }

    private readonly byte P(int i) => i < _p.Length ? _p[i] : (byte)0;

    private int Fail(PatternOutcome error)
    {
        _error = error;
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Match(int s, int p)
    {
        if (_depth-- == 0)
        {
            return Fail(PatternOutcome.TooComplex);
        }

        if (!_budget.Spend())
        {
            return Fail(PatternOutcome.Budget);
        }

        while (true)
        {
            if (p == _p.Length)
            {
                break;
            }

            switch (_p[p])
            {
                case (byte)'(':
                    s = P(p + 1) == ')' ? StartCapture(s, p + 2, Position) : StartCapture(s, p + 1, Unfinished);
                    break;
                case (byte)')':
                    s = EndCapture(s, p + 1);
                    break;
                case (byte)'$' when p + 1 == _p.Length:
                    s = s == _s.Length ? s : -1;
                    break;
                case Esc when P(p + 1) == 'b':
                    s = MatchBalance(s, p + 2);
                    if (s >= 0)
                    {
                        p += 4;
                        continue;
                    }

                    break;
                case Esc when P(p + 1) == 'f':
                    p += 2;
                    if (P(p) != '[')
                    {
                        return Fail(PatternOutcome.FrontierBracket);
                    }

                    var classEnd = ClassEnd(p);
                    if (classEnd < 0)
                    {
                        return -1;
                    }

                    var previous = s == 0 ? 0 : _s[s - 1];
                    var current = s < _s.Length ? _s[s] : 0;
                    if (!MatchBracketClass(previous, p, classEnd - 1) && MatchBracketClass(current, p, classEnd - 1))
                    {
                        p = classEnd;
                        continue;
                    }

                    s = -1;
                    break;
                case Esc when P(p + 1) is >= (byte)'0' and <= (byte)'9':
                    s = MatchCapture(s, P(p + 1));
                    if (s >= 0)
                    {
                        p += 2;
                        continue;
                    }

                    break;
                default:
                    var ep = ClassEnd(p);
                    if (ep < 0)
                    {
                        return -1;
                    }

                    var suffix = P(ep);
                    if (!SingleMatch(s, p, ep))
                    {
                        if (suffix is (byte)'*' or (byte)'?' or (byte)'-')
                        {
                            p = ep + 1;
                            continue;
                        }

                        s = -1;
                        break;
                    }

                    switch (suffix)
                    {
                        case (byte)'?':
                            var res = Match(s + 1, ep + 1);
                            if (res >= 0 || _error != 0)
                            {
                                s = res;
                                break;
                            }

                            p = ep + 1;
                            continue;
                        case (byte)'+':
                            s = MaxExpand(s + 1, p, ep);
                            break;
                        case (byte)'*':
                            s = MaxExpand(s, p, ep);
                            break;
                        case (byte)'-':
                            s = MinExpand(s, p, ep);
                            break;
                        default:
                            s++;
                            p = ep;
                            continue;
                    }

                    break;
            }

            break;
        }

        _depth++;
        return _error != 0 ? -1 : s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int MaxExpand(int s, int p, int ep)
    {
        var i = 0;
        while (SingleMatch(s + i, p, ep))
        {
            i++;
            if (!_budget.Spend())
            {
                return Fail(PatternOutcome.Budget);
            }
        }

        for (; i >= 0; i--)
        {
            var res = Match(s + i, ep + 1);
            if (res >= 0 || _error != 0)
            {
                return res;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int MinExpand(int s, int p, int ep)
    {
        while (true)
        {
            var res = Match(s, ep + 1);
            if (res >= 0 || _error != 0)
            {
                return res;
            }

            if (!SingleMatch(s, p, ep))
            {
                return -1;
            }

            s++;
        }
    }

    private int StartCapture(int s, int p, int what)
    {
        if (_level >= MaxCaptures)
        {
            return Fail(PatternOutcome.TooManyCaptures);
        }

        _capStart[_level] = s;
        _capLen[_level] = what;
        _level++;
        var res = Match(s, p);
        if (res < 0)
        {
            _level--;
        }

        return res;
    }

    private int EndCapture(int s, int p)
    {
        var l = _level - 1;
        while (l >= 0 && _capLen[l] != Unfinished)
        {
            l--;
        }

        if (l < 0)
        {
            return Fail(PatternOutcome.InvalidPatternCapture);
        }

        _capLen[l] = s - _capStart[l];
        var res = Match(s, p);
        if (res < 0)
        {
            _capLen[l] = Unfinished;
        }

        return res;
    }

    private int MatchCapture(int s, byte digit)
    {
        var l = digit - '1';
        if (l < 0 || l >= _level || _capLen[l] == Unfinished)
        {
            _errorDetail = l + 1;
            return Fail(PatternOutcome.InvalidCaptureIndex);
        }

        var len = _capLen[l];
        if (len < 0 || _s.Length - s < len)
        {
            return -1;
        }

        if (!_budget.Spend(1 + (len / 64)))
        {
            return Fail(PatternOutcome.Budget);
        }

        return _s.Slice(_capStart[l], len).SequenceEqual(_s.Slice(s, len)) ? s + len : -1;
    }

    private int MatchBalance(int s, int p)
    {
        if (p + 1 >= _p.Length)
        {
            return Fail(PatternOutcome.BalanceArguments);
        }

        if (s >= _s.Length || _s[s] != _p[p])
        {
            return -1;
        }

        int b = _p[p], e = _p[p + 1], depth = 1;
        while (++s < _s.Length)
        {
            if (!_budget.Spend())
            {
                return Fail(PatternOutcome.Budget);
            }

            if (_s[s] == e)
            {
                if (--depth == 0)
                {
                    return s + 1;
                }
            }
            else if (_s[s] == b)
            {
                depth++;
            }
        }

        return -1;
    }

    /// <summary>Index just after the single-character class at <paramref name="p"/>, or -1 (error set).</summary>
    private int ClassEnd(int p)
    {
        var c = _p[p++];
        if (c == Esc)
        {
            return p == _p.Length ? Fail(PatternOutcome.EndsWithEscape) : p + 1;
        }

        if (c != '[')
        {
            return p;
        }

        if (P(p) == '^')
        {
            p++;
        }

        do
        {
            if (p >= _p.Length)
            {
                return Fail(PatternOutcome.MissingBracket);
            }

            if (_p[p++] == Esc && p < _p.Length)
            {
                p++;
            }
        }
        while (P(p) != ']');

        return p + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private readonly bool SingleMatch(int s, int p, int ep)
    {
        if (s >= _s.Length)
        {
            return false;
        }

        int c = _s[s];
        return _p[p] switch
        {
            (byte)'.' => true,
            Esc => CharClass.Matches(c, P(p + 1)),
            (byte)'[' => MatchBracketClass(c, p, ep - 1),
            _ => _p[p] == c,
        };
    }

    /// <summary>Whether <paramref name="c"/> is in the set from '[' at <paramref name="p"/> to its ']' at <paramref name="ec"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private readonly bool MatchBracketClass(int c, int p, int ec)
    {
        var sig = true;
        if (P(p + 1) == '^')
        {
            sig = false;
            p++;
        }

        while (++p < ec)
        {
            if (_p[p] == Esc)
            {
                p++;
                if (CharClass.Matches(c, P(p)))
                {
                    return sig;
                }
            }
            else if (P(p + 1) == '-' && p + 2 < ec)
            {
                p += 2;
                if (_p[p - 2] <= c && c <= _p[p])
                {
                    return sig;
                }
            }
            else if (_p[p] == c)
            {
                return sig;
            }
        }

        return !sig;
    }
}
