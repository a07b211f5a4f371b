using Microsoft.Extensions.Options;
using VmiGrains.Grains.Hosting;
using VmiGrains.Silo.Api;
using VmiGrains.Silo.Configuration;
using VmiGrains.Silo.Dashboard;
using VmiGrains.Silo.Health;
using VmiGrains.Silo.Metrics;
using VmiGrains.Silo.Security;
using VmiGrains.Silo.Telemetry;

// vmi-silo: one Orleans silo of a VmiGrains cluster. Configuration from appsettings.json,
// VMIGRAINS__… environment variables (e.g. VMIGRAINS__HOST__NAME) and --Key=Value arguments.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("""
        vmi-silo — a silo of a VmiGrains cluster.

        Settings (appsettings.json, environment VMIGRAINS__SECTION__KEY, or --VmiGrains:Section:Key=value):
          VmiGrains:Cluster:ClusterId / ServiceId     cluster identity (vmigrains-dev / vmigrains)
          VmiGrains:Cluster:Clustering                Localhost (default) | Redis (+ :ConnectionString, :AdvertisedAddress)
          VmiGrains:Cluster:Membership:…              failure detection (ProbeTimeout 2s, NumMissedProbesLimit 3, …)
          VmiGrains:Storage:{Default|profiles|vmis|hosts}:Provider   Memory (default) | AzureTable | AzureBlob | Redis
          VmiGrains:Storage:…:ConnectionString        secrets: prefer the environment (VMIGRAINS__STORAGE__DEFAULT__CONNECTIONSTRING)
          VmiGrains:Cluster:SiloPort / GatewayPort    11111 / 30000
          VmiGrains:Cluster:PrimarySiloPort           first silo's port, for more silos on one machine
          VmiGrains:Cluster:HttpUrl                   REST API, /healthz (liveness) and /readyz (membership, storage, hypervisor) (http://127.0.0.1:8080)
          VmiGrains:Cluster:Dashboard                 true (default) | false: the Orleans dashboard /dashboard and its collectors
          VmiGrains:Cluster:Kubernetes                true: run as a Kubernetes pod (needs Redis clustering; deploy/kubernetes)
          VmiGrains:Cluster:Tls:CertificatePath       mutual TLS between silos and clients: .pfx (+ :CertificatePassword) or PEM (+ :KeyPath)
          VmiGrains:Cluster:Tls:CaPath                PEM CAs the certificates of other silos and of clients must chain to (none: the silo's own)
          VmiGrains:Cluster:Tls:Clients:CN            scopes of a gateway client certificate by common name: read,write,exec
          VmiGrains:Host:Name                         the hypervisor host this silo manages (none: control plane only)
          VmiGrains:Hypervisor:Uri                    libvirt URI (test:///default; qemu:///system in production)
          VmiGrains:Host:Additional:NAME              more hosts this silo manages through libvirt: NAME=URI (e.g. qemu+tls://NAME/system)
          VmiGrains:Rules:…                           Lua budgets; Enabled=false pauses all rules
          VmiGrains:Telemetry:OtlpEndpoint            traces over OTLP (or OTEL_EXPORTER_OTLP_ENDPOINT); none: no traces
        Reference: docs/operations.md.

        Example:
          vmi-silo --VmiGrains:Host:Name=demo-host-a --VmiGrains:Hypervisor:Uri=test:///$PWD/tests/fixtures/hosts/demo-host-a.xml
        """);
    return 0;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
// VMIGRAINS__HOST__NAME maps to VmiGrains:Host:Name (environment keys are case-insensitive).
builder.Configuration.AddEnvironmentVariables();
SiloSettings settings;
try
{
    settings = SiloSettings.Load(builder.Configuration);
}
catch (InvalidOperationException ex) when (ex.InnerException is FormatException or OverflowException or ArgumentException)
{
    // "Failed to convert configuration value 'maybe' at 'VmiGrains:Cluster:Dashboard' to type 'System.Boolean'."
    Console.Error.WriteLine($"vmi-silo: {ex.Message} Give a value of that type (true/false, a number, a time span like 00:00:05); see vmi-silo --help.");
    return 2;
}

var cluster = settings.Cluster;
var errors = settings.Validate(PortProbe.InUse);
if (errors.Count > 0)
{
    return Refuse(errors);
}

builder.WebHost.UseUrls(cluster.HttpUrl);
builder.UseOrleans(silo =>
{
    silo.UseVmiGrainsClustering(cluster);
    silo.UseVmiGrainsReminders(cluster);
    silo.UseVmiGrainsTls(cluster.Tls);
    silo.AddVmiGrainsCallFilter(cluster);
    silo.AddVmiGrainsStorage(settings);
    silo.AddVmiGrains(builder.Configuration);
    silo.AddVmiGrainsTracing(builder.Configuration);
});

builder.AddVmiGrainsApi().AddVmiGrainsDashboard(cluster.Dashboard).AddVmiGrainsTelemetry().AddVmiGrainsHealth();

try
{
    var app = builder.Build();
    // Every ValidateOnStart section at once, before anything logs or listens; the host would check
    // them too, but only after starting parts of itself and logging a stack trace.
    app.Services.GetService<IStartupValidator>()?.Validate();
    SecurityLog.Gateway(app.Logger, cluster);
    app.MapVmiGrainsHealth();
    app.MapVmiGrainsApi().MapVmiGrainsDashboard(cluster.Dashboard).MapVmiGrainsMetrics();
    await app.RunAsync();
}
catch (Exception ex) when (OptionsFailures.Find(ex) is { } failures)
{
    return Refuse(failures);
}
catch (Exception ex) when (VmiGrains.Silo.Clustering.StartupRefusal.Find(ex) is { } refusal)
{
    // Logged where it was found; the last line says it once more, without Orleans' stack.
    Console.Error.WriteLine($"vmi-silo: {refusal.Message}");
    return 1;
}

return 0;

// Bad configuration: every problem on its own line (each names the key, the value and the fix), exit 2.
static int Refuse(IEnumerable<string> problems)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"vmi-silo: {problem}");
    }

    return 2;
}
