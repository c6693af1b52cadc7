namespace EmoStream.Dashboard.Bench;

/// <summary>One named measurement; prints its figures to stdout as it goes.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    Task RunAsync(IReadOnlyList<string> args);
}
