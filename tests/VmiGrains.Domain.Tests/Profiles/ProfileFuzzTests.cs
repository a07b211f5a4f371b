using VmiGrains.Domain.Profiles;

namespace VmiGrains.Domain.Tests.Profiles;

/// <summary>
/// Seeded mutations of every example profile (<see cref="JsonMutator"/>): the parser answers each with
/// a profile or with errors that name a path and say what is wrong — it never throws anything else.
/// </summary>
public sealed class ProfileFuzzTests
{
    private const int MutationsPerExample = 300;

    public static TheoryData<string> Examples() => [.. ExampleProfileTests.ExampleFiles];

    [Theory]
    [MemberData(nameof(Examples))]
    public void TryParse_MutatedExample_GivesProfileOrPathedErrorsNeverThrows(string file)
    {
        var original = File.ReadAllText(RepoPaths.Of("examples", "profiles", file));
        var mutator = new JsonMutator(seed: file.Length * 7919);
        for (var i = 0; i < MutationsPerExample; i++)
        {
            var input = mutator.Mutate(original);
            IReadOnlyList<Abstractions.Validation.ValidationError> errors;
            Abstractions.Profiles.ProfileDocument? profile;
            try
            {
                profile = ProfileParser.TryParse(input, out errors);
            }
            catch (Exception ex)
            {
                Assert.Fail($"{file} mutation {i} ({mutator.Last}) threw {ex.GetType().Name}: {ex.Message}");
                throw;
            }

            if (profile is null)
            {
                Assert.True(errors.Count > 0, $"{file} mutation {i} ({mutator.Last}): no profile and no error");
                Assert.All(errors, e =>
                {
                    Assert.StartsWith("$", e.Path, StringComparison.Ordinal);
                    Assert.False(string.IsNullOrWhiteSpace(e.Message), $"{file} mutation {i} ({mutator.Last}): empty message at {e.Path}");
                    Assert.False(string.IsNullOrWhiteSpace(e.Fix), $"{file} mutation {i} ({mutator.Last}): no fix for {e}");
                });
            }
            else
            {
                // What the parser accepts is a profile the rest of the system can store and print.
                Assert.Equal(profile, ProfileParser.Parse(ProfileSerializer.Serialize(profile)));
            }
        }
    }
}
