namespace VmiGrains.Testing;

/// <summary>
/// The built <c>vmi</c> and <c>vmi-silo</c> of this configuration (Debug or Release), used in place:
/// test projects build them first (ReferenceOutputAssembly=false) but do not copy them, because two
/// applications in one output folder break each other's dependency resolution.
/// </summary>
internal static class BuiltApps
{
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string Silo => Find("VmiGrains.Silo", "vmi-silo.dll");

    public static string Cli => Find("VmiGrains.Cli", "vmi.dll");

    private static string Find(string project, string dll)
    {
        var path = RepoPaths.Of("src", project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing; build the solution first (./scripts/test.sh does)");
    }
}
