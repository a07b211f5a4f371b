using System.Text.Json;

namespace VmiGrains.Cli.Tests;

/// <summary><c>vmi profile validate</c> through the real binary: output, stderr lines and exit codes.</summary>
public sealed class ValidateCommandTests
{
    private static string[] ExampleFiles => [.. Directory.GetFiles(RepoPaths.Of("examples", "profiles"), "*.json").Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Validate_AllExamples_ExitsZeroAndSaysOkForEach()
    {
        var result = await VmiProcess.RunAsync(["profile", "validate", .. ExampleFiles]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(ExampleFiles.Length, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains(": ok — ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Validate_FiveMistakes_ReportsFiveLinesAndExitsTwo()
    {
        var file = WriteTemp("""
            {"id":"Bad Id","name":"x","resource_weights":{"cpu":0.5,"ram":0.5,"network":0.5,"storage":0},
             "application_priorities":{"a":"hihg"},
             "network_policy":{"default":"deny","rules":[{"direction":"egress","protocol":"icmp","ports":"80","action":"allow"}]},
             "evaluation_interval":"fast"}
            """);

        var result = await VmiProcess.RunAsync("profile", "validate", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(5, result.ErrorLines.Length);
        Assert.All(result.ErrorLines, line => Assert.StartsWith($"{file}: $.", line, StringComparison.Ordinal));
        Assert.Equal($"{file}: $.application_priorities.a: unknown priority level; levels are idle, low, below_normal, normal, above_normal, high (got \"hihg\"); did you mean 'high'?", result.ErrorLines[2]);
    }

    [Fact]
    public async Task Validate_OneBadAmongGood_ExitsTwoAndStillReportsTheGoodOnes()
    {
        var bad = WriteTemp("{\"id\": \"x\"}");

        var result = await VmiProcess.RunAsync("profile", "validate", ExampleFiles[0], bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(": ok — ", result.Stdout, StringComparison.Ordinal);
        Assert.Equal([$"{bad}: $.name: is required; add \"name\"", $"{bad}: $.resource_weights: is required; add \"resource_weights\""], result.ErrorLines);
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsTwoNamingTheFile()
    {
        var result = await VmiProcess.RunAsync("profile", "validate", "/no/such/profile.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("/no/such/profile.json: $: cannot read the file: Could not find a part of the path '/no/such/profile.json'; check the path", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Validate_MalformedJson_GivesLineAndColumn()
    {
        var file = WriteTemp("{\n  \"id\": \"x\",\n  \"name\": \"y\"\n  \"oops\": 1\n}");

        var result = await VmiProcess.RunAsync("profile", "validate", file);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{file}: $: malformed JSON at line 4, column 3:", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_StandardInput_IsRead()
    {
        var result = await VmiProcess.RunWithInputAsync(File.ReadAllText(ExampleFiles[0]), "profile", "validate", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("-: ok — ", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_JsonOutput_IsStableAndMachineReadable()
    {
        var bad = WriteTemp("{\"id\": \"x\", \"name\": \"n\", \"resource_weights\": {\"cpu\": 2, \"ram\": 0, \"network\": 0, \"storage\": 0}}");

        var result = await VmiProcess.RunAsync("profile", "validate", "-o", "json", ExampleFiles[0], bad);

        Assert.Equal(2, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.True(rows[0].GetProperty("valid").GetBoolean());
        Assert.False(rows[1].GetProperty("valid").GetBoolean());
        var error = Assert.Single(rows[1].GetProperty("errors").EnumerateArray());
        Assert.Equal("$.resource_weights.cpu", error.GetProperty("path").GetString());
        Assert.Equal("2", error.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Validate_NoFiles_IsInvalidInput()
    {
        var result = await VmiProcess.RunAsync("profile", "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("vmi profile validate: Required argument missing for command: 'validate'; run 'vmi profile validate --help' for usage", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Output_UnknownFormat_IsInvalidInput()
    {
        var result = await VmiProcess.RunAsync("-o", "yaml", "profile", "validate", ExampleFiles[0]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'yaml' not recognized", result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("profile", "--help")]
    [InlineData("profile", "validate", "--help")]
    public async Task Help_EveryLevel_PrintsUsageAndExitsZero(params string[] args)
    {
        var result = await VmiProcess.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownVerb_IsInvalidInput()
    {
        var result = await VmiProcess.RunAsync("profile", "frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("frobnicate", result.Stderr, StringComparison.Ordinal);
    }

    private static string WriteTemp(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmi-cli-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        return path;
    }
}
