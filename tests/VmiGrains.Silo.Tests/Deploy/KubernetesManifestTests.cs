using Microsoft.Extensions.Configuration;
using VmiGrains.Silo.Configuration;
using VmiGrains.Silo.Tests.Tls;
using YamlDotNet.RepresentationModel;
using static VmiGrains.Silo.Tests.Deploy.KubernetesManifests;

namespace VmiGrains.Silo.Tests.Deploy;

/// <summary>deploy/kubernetes agrees with the silo: settings it reads, ports it opens, paths it serves, secrets shipped.</summary>
public sealed class KubernetesManifestTests
{
    /// <summary>HTTP paths vmi-silo serves without a token (Program.cs; TlsSiloTests requests it).</summary>
    private static readonly string[] AnonymousPaths = ["/healthz", "/readyz"];

    [Fact]
    public void EveryDocument_Parses_HasApiVersionAndKind()
    {
        var documents = Load();
        Assert.True(documents.Count >= 7, $"only {documents.Count} documents under {Folder}");
        Assert.All(documents, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(Text(d.Root, "apiVersion")), $"{d.File}: a document without apiVersion");
            Assert.False(string.IsNullOrWhiteSpace(Text(d.Root, "kind")), $"{d.File}: a document without kind");
        });
    }

    [Fact]
    public void Deployment_Image_IsTheOneTheDockerfileAndReadmeBuild()
    {
        var image = Text(SiloContainer(), "image")!;
        Assert.Contains($"-t {image} ", File.ReadAllText(Path.Combine(Folder, "Dockerfile")), StringComparison.Ordinal);
        Assert.Contains(image, File.ReadAllText(RepoPaths.Of("deploy", "README.md")), StringComparison.Ordinal);
        Assert.Contains("src/VmiGrains.Silo/VmiGrains.Silo.csproj", File.ReadAllText(Path.Combine(Folder, "Dockerfile")), StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerPorts_AreThePortsTheSiloListensOn()
    {
        var env = Env();
        var defaults = new ClusterSettings();
        int Configured(string name, int fallback) => env.TryGetValue(name, out var e) && Text(e, "value") is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        var httpUrl = env.TryGetValue("VMIGRAINS__CLUSTER__HTTPURL", out var h) ? Text(h, "value")! : defaults.HttpUrl;
        var expected = new Dictionary<string, int>
        {
            ["silo"] = Configured("VMIGRAINS__CLUSTER__SILOPORT", defaults.SiloPort),
            ["gateway"] = Configured("VMIGRAINS__CLUSTER__GATEWAYPORT", defaults.GatewayPort),
            ["http"] = new Uri(httpUrl).Port,
        };
        var ports = Items(SiloContainer(), "ports").ToDictionary(p => Text(p, "name")!, p => int.Parse(Text(p, "containerPort")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.OrderBy(p => p.Key), ports.OrderBy(p => p.Key));
        var host = new Uri(httpUrl).Host;
        Assert.True(host is "0.0.0.0" or "+" or "*", $"VMIGRAINS__CLUSTER__HTTPURL listens on {host}; probes and the Service reach the pod IP, so listen on 0.0.0.0");
        var expose = File.ReadAllLines(Path.Combine(Folder, "Dockerfile")).Single(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal));
        Assert.Equal(expected.Values.Order(), expose[7..].Split(' ').Select(int.Parse).Order());
    }

    [Fact]
    public void EnvVariables_VmiGrains_AreSettingsTheSiloReads()
    {
        var names = Env().Keys.Where(n => n.StartsWith("VMIGRAINS__", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(names);
        Assert.Empty(names.Select(SettingKeys.Check).OfType<string>());
        Assert.DoesNotContain(Env().Keys, n => n.StartsWith("VMIGRAINS_", StringComparison.Ordinal) && !n.StartsWith("VMIGRAINS__", StringComparison.Ordinal));
    }

    [Fact]
    public void EnvSettings_WithExampleSecrets_PassTheSilosValidation()
    {
        using var certificate = new TestCertificate();
        var podLabels = Labels(Get(Single("Deployment"), "spec", "template", "metadata", "labels")!);
        var values = new Dictionary<string, string?>();
        foreach (var (name, e) in Env().Where(e => e.Key.StartsWith("VMIGRAINS__", StringComparison.Ordinal)))
        {
            values[name.Replace("__", ":", StringComparison.Ordinal)] = Text(e, "value")
                ?? (Text(e, "valueFrom", "secretKeyRef", "key") is { } key ? SecretValue(Text(e, "valueFrom", "secretKeyRef", "name")!, key) : null)
                ?? LabelValue(Text(e, "valueFrom", "fieldRef", "fieldPath"), podLabels);
        }

        // The mounted TLS secret, here a real certificate in a temporary folder.
        values["VMIGRAINS:CLUSTER:TLS:CERTIFICATEPATH"] = certificate.PemPath;
        values["VMIGRAINS:CLUSTER:TLS:KEYPATH"] = certificate.KeyPath;
        values["VMIGRAINS:CLUSTER:TLS:CAPATH"] = certificate.PemPath;
        var settings = SiloSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        Assert.Empty(settings.Validate());
        Assert.True(settings.Cluster.Kubernetes);
        Assert.True(settings.Cluster.Tls.Enabled);
    }

    [Fact]
    public void Probes_RequestAPathTheSiloServes_OnTheHttpPort()
    {
        var program = File.ReadAllText(RepoPaths.Of("src", "VmiGrains.Silo", "Health", "HealthEndpoints.cs"));
        foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
        {
            var path = Text(SiloContainer(), probe, "httpGet", "path");
            Assert.True(path is not null && AnonymousPaths.Contains(path), $"{probe} requests {path ?? "nothing"}; use one of {string.Join(", ", AnonymousPaths)}");
            Assert.Contains($"MapGet(\"{path}\"", program, StringComparison.Ordinal);
            Assert.Equal("http", Text(SiloContainer(), probe, "httpGet", "port"));
        }
    }

    [Fact]
    public void SecretReferences_AllExistInSecretExample()
    {
        var references = Env().Values
            .Select(e => (Name: Text(e, "valueFrom", "secretKeyRef", "name"), Key: Text(e, "valueFrom", "secretKeyRef", "key")))
            .Where(r => r.Name is not null).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(SecretValue(r.Name!, r.Key!) is not null, $"secretKeyRef {r.Name}/{r.Key} is not in secret.example.yaml"));
        foreach (var volume in Items(Single("Deployment"), "spec", "template", "spec", "volumes"))
        {
            if (Text(volume, "secret", "secretName") is { } name)
            {
                Assert.Contains(Secrets(), s => Text(s, "metadata", "name") == name);
            }
        }

        Assert.All(Secrets(), s => Assert.All(((YamlMappingNode)Get(s, "stringData")!).Children.Values,
            v => Assert.Contains("CHANGE-ME", ((YamlScalarNode)v).Value, StringComparison.Ordinal)));
    }

    [Fact]
    public void KubernetesHosting_LabelsEnvAndRbac_AreWhatOrleansReads()
    {
        var deployment = Single("Deployment");
        var podLabels = Labels(Get(deployment, "spec", "template", "metadata", "labels")!);
        var env = Env();
        string? FieldPath(string name) => env.TryGetValue(name, out var e) ? Text(e, "valueFrom", "fieldRef", "fieldPath") : null;
        Assert.Equal("metadata.labels['orleans/serviceId']", FieldPath("ORLEANS_SERVICE_ID"));
        Assert.Equal("metadata.labels['orleans/clusterId']", FieldPath("ORLEANS_CLUSTER_ID"));
        Assert.Equal(FieldPath("ORLEANS_CLUSTER_ID"), FieldPath("VMIGRAINS__CLUSTER__CLUSTERID"));
        Assert.Equal(FieldPath("ORLEANS_SERVICE_ID"), FieldPath("VMIGRAINS__CLUSTER__SERVICEID"));
        Assert.Contains("orleans/serviceId", podLabels.Keys);
        Assert.Contains("orleans/clusterId", podLabels.Keys);
        Assert.Equal("metadata.name", FieldPath("POD_NAME"));
        Assert.Equal("metadata.namespace", FieldPath("POD_NAMESPACE"));
        Assert.Equal("status.podIP", FieldPath("POD_IP"));
        Assert.Equal("3", Text(deployment, "spec", "replicas"));

        var account = Text(deployment, "spec", "template", "spec", "serviceAccountName");
        Assert.Equal(account, Text(Single("ServiceAccount"), "metadata", "name"));
        var binding = Single("RoleBinding");
        Assert.Contains(Items(binding, "subjects"), s => Text(s, "name") == account);
        var role = Single("Role");
        Assert.Equal(Text(role, "metadata", "name"), Text(binding, "roleRef", "name"));
        var rule = Assert.Single(Items(role, "rules"), r => Scalars(r, "resources").Contains("pods"));
        Assert.Subset(Scalars(rule, "verbs").ToHashSet(), new HashSet<string> { "get", "list", "watch", "delete", "patch" });
    }

    [Fact]
    public void ServiceAndDisruptionBudget_SelectTheSiloPods_ExposeGatewayAndHttp()
    {
        var podLabels = Labels(Get(Single("Deployment"), "spec", "template", "metadata", "labels")!);
        var service = Single("Service");
        Assert.Subset(podLabels.ToHashSet(), Labels(Get(service, "spec", "selector")!).ToHashSet());
        Assert.Subset(podLabels.ToHashSet(), Labels(Get(Single("PodDisruptionBudget"), "spec", "selector", "matchLabels")!).ToHashSet());
        Assert.Equal(["gateway", "http"], Items(service, "spec", "ports").Select(p => Text(p, "targetPort")!).Order());
        var kustomization = Single("Kustomization");
        Assert.All(Scalars(kustomization, "resources"), r => Assert.True(File.Exists(Path.Combine(Folder, r)), $"kustomization lists missing {r}"));
    }

    private static List<YamlMappingNode> Secrets() =>
        Load().Where(d => d.File == "secret.example.yaml" && Text(d.Root, "kind") == "Secret").Select(d => d.Root).ToList();

    private static string? SecretValue(string name, string key) =>
        Secrets().Where(s => Text(s, "metadata", "name") == name).Select(s => Text(s, "stringData", key)).FirstOrDefault(v => v is not null);

    private static string? LabelValue(string? fieldPath, IReadOnlyDictionary<string, string> labels) =>
        fieldPath is { } p && p.StartsWith("metadata.labels['", StringComparison.Ordinal) ? labels.GetValueOrDefault(p["metadata.labels['".Length..^2]) : null;

    private static Dictionary<string, string> Labels(YamlNode node) =>
        ((YamlMappingNode)node).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);

    private static IEnumerable<string> Scalars(YamlNode node, string key) =>
        (Get(node, key) as YamlSequenceNode)?.Children.Select(c => ((YamlScalarNode)c).Value!) ?? [];
}
