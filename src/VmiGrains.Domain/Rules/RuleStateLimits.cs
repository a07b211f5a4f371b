using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Rules;

/// <summary>Bounds of the <c>vmi.state</c> table a rule may leave behind.</summary>
/// <param name="MaxEntries">Most keys.</param>
/// <param name="MaxKeyLength">Longest key (characters).</param>
/// <param name="MaxStringLength">Longest string value (characters).</param>
/// <param name="MaxBytes">
/// Most bytes of the whole table as stored with the VMI: UTF-8 bytes of every key and string value plus 8 per
/// number or boolean. It keeps the VMI's stored state under its budget whatever the other limits are set to.
/// </param>
public sealed record RuleStateLimits(int MaxEntries = 32, int MaxKeyLength = 64, int MaxStringLength = 256, int MaxBytes = 16 * 1024)
{
    /// <summary>The defaults: at most about 32 × (64 + 256) = 10,240 characters, under the 16 KiB byte bound.</summary>
    public static readonly RuleStateLimits Default = new();

    /// <summary>Bytes <paramref name="values"/> take in storage (see <see cref="MaxBytes"/>).</summary>
    public static int BytesOf(IReadOnlyDictionary<string, FieldValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bytes = 0;
        foreach (var (key, value) in values)
        {
            bytes += System.Text.Encoding.UTF8.GetByteCount(key)
                + (value.Kind == FieldValueKind.Text ? System.Text.Encoding.UTF8.GetByteCount(value.Text!) : 8);
        }

        return bytes;
    }

    /// <summary>What is wrong with <paramref name="values"/>, or null when it fits.</summary>
    public string? Check(IReadOnlyDictionary<string, FieldValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count > MaxEntries)
        {
            return $"vmi.state has {values.Count} keys, more than the limit of {MaxEntries}; remove keys you no longer need (set them to nil)";
        }

        foreach (var (key, value) in values)
        {
            if (key.Length == 0 || key.Length > MaxKeyLength)
            {
                return $"vmi.state key '{key}' must be 1..{MaxKeyLength} characters long (got {key.Length}); use a shorter key";
            }

            if (value.Kind == FieldValueKind.Text && value.Text!.Length > MaxStringLength)
            {
                return $"vmi.state.{key} is {value.Text.Length} characters, more than the limit of {MaxStringLength}; store less";
            }
        }

        return BytesOf(values) is var bytes && bytes > MaxBytes
            ? $"vmi.state takes {bytes} bytes, more than the limit of {MaxBytes} (VmiGrains:Rules:MaxStateBytes); store less: fewer or shorter keys and strings"
            : null;
    }
}
