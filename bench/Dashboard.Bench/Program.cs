using System.Reflection;
using EmoStream.Dashboard.Bench;

// Usage: dotnet run -c Release --project bench/Dashboard.Bench -- NAME [args]   (no NAME lists them)
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
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
Console.WriteLine($"# {chosen.Name}: {chosen.Description}");
Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
await chosen.RunAsync(args.Skip(1).ToArray());
return 0;
