using System.Globalization;
using System.Text.Json;
using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Profiles;

/// <summary>Reads <c>resource_weights</c>: four numbers in [0,1] that sum to 1.</summary>
internal sealed partial class ProfileReader
{
    private const string WeightsPath = "$.resource_weights";

    private ResourceVector? ReadWeights(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(WeightsPath, "must be an object with cpu, ram, network and storage", Show(value),
                "write e.g. {\"cpu\": 0.4, \"ram\": 0.3, \"network\": 0.2, \"storage\": 0.1}");
            return null;
        }

        CheckFields(value, WeightsPath, ProfileFields.Weights);
        RequireFields(value, WeightsPath, ProfileFields.Weights);
        var numbers = new double?[ProfileFields.Weights.Count];
        for (var i = 0; i < numbers.Length; i++)
        {
            var name = ProfileFields.Weights[i];
            if (Field(value, name, out var element))
            {
                numbers[i] = ReadWeight(element, JsonPaths.Child(WeightsPath, name));
            }
        }

        if (numbers.Any(n => n is null))
        {
            return null;
        }

        var sum = numbers.Sum(n => n!.Value);
        if (Math.Abs(sum - 1) > ProfileLimits.WeightSumTolerance)
        {
            Fail(WeightsPath, "weights must sum to 1", $"a sum of {Format(sum)}", SuggestScaled(numbers, sum));
            return null;
        }

        return new ResourceVector(numbers[0]!.Value, numbers[1]!.Value, numbers[2]!.Value, numbers[3]!.Value);
    }

    private double? ReadWeight(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number))
        {
            Fail(path, "must be a number between 0 and 1", Show(element), "write a number such as 0.25");
            return null;
        }

        if (number is < 0 or > 1 || double.IsNaN(number))
        {
            Fail(path, "must be between 0 and 1", Show(element), "use a fraction of the whole, e.g. 0.25 for a quarter");
            return null;
        }

        return number;
    }

    private static string SuggestScaled(double?[] numbers, double sum)
    {
        if (sum <= 0)
        {
            return "give at least one resource a positive weight";
        }

        var parts = ProfileFields.Weights.Select((name, i) => $"{name} {Format(Math.Round(numbers[i]!.Value / sum, 4))}");
        return $"scale them to add up to 1, e.g. {string.Join(", ", parts)}";
    }

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
