using YamlDotNet.RepresentationModel;

namespace VmiGrains.Silo.Tests.Deploy;

/// <summary>Every YAML document under deploy/kubernetes, with small helpers to walk them.</summary>
internal static class KubernetesManifests
{
    public static string Folder => RepoPaths.Of("deploy", "kubernetes");

    /// <summary>(file, document root) of every document; throws on a file that does not parse.</summary>
    public static IReadOnlyList<(string File, YamlMappingNode Root)> Load()
    {
        var documents = new List<(string, YamlMappingNode)>();
        foreach (var file in Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }

            foreach (var document in stream.Documents)
            {
                documents.Add((Path.GetFileName(file), document.RootNode as YamlMappingNode
                    ?? throw new InvalidOperationException($"{file}: a document is not a mapping")));
            }
        }

        return documents;
    }

    public static YamlMappingNode Single(string kind, string? file = null) =>
        Assert.Single(Load(), d => Text(d.Root, "kind") == kind && (file is null || d.File == file)).Root;

    public static YamlNode? Get(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            node = next;
        }

        return node;
    }

    public static string? Text(YamlNode node, params string[] path) => (Get(node, path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlMappingNode> Items(YamlNode node, params string[] path) =>
        (Get(node, path) as YamlSequenceNode)?.Children.Cast<YamlMappingNode>() ?? [];

    /// <summary>The silo container of the Deployment.</summary>
    public static YamlMappingNode SiloContainer() =>
        Assert.Single(Items(Single("Deployment"), "spec", "template", "spec", "containers"));

    /// <summary>Every <c>NAME: value</c> of the container's env, values from literals (fieldRef/secretKeyRef give null).</summary>
    public static IReadOnlyDictionary<string, YamlMappingNode> Env() =>
        Items(SiloContainer(), "env").ToDictionary(e => Text(e, "name")!, e => e, StringComparer.Ordinal);
}
