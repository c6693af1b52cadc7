using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace EmoStream.Bench;

/// <summary>
/// The entry point every bench project shares: <c>dotnet run -c Release --project bench/X.Bench -- NAME [args]</c>
/// runs the <see cref="IBenchmark"/> of that name found in the calling assembly; no NAME lists them.
/// </summary>
public static class BenchmarkHost
{
    public static int Run(string[] args, Assembly assembly, bool pinToOneCore = false)
    {
        var benchmarks = assembly.GetTypes()
            .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToArray();
        var chosen = args.Length == 0 ? null : benchmarks.FirstOrDefault(b => b.Name == args[0]);
        if (chosen is null)
        {
            Console.Error.WriteLine(args.Length == 0 ? "choose a benchmark:" : $"unknown benchmark '{args[0]}'; choose one of:");
            foreach (var b in benchmarks) Console.Error.WriteLine($"  {b.Name,-24} {b.Description}");
            return args.Length == 0 ? 0 : 2;
        }
        // Per-core figures: keep the process on one core so the other's load does not blur them.
        if (pinToOneCore && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())) Process.GetCurrentProcess().ProcessorAffinity = 1;
        var cores = pinToOneCore ? $"pinned to 1 of {Environment.ProcessorCount} cores" : $"{Environment.ProcessorCount} cores";
        Console.WriteLine($"# {chosen.Name}: {chosen.Description}");
        Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {cores}, load {LoadAverage()}, {RuntimeInformation.OSDescription}");
        chosen.Run(args.Skip(1).ToArray());
        return 0;
    }

    /// <summary>The one-minute load average (runnable and waiting tasks), to tell a disturbed measurement.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
