namespace EmoStream.Capture.Tests.Support;

/// <summary>
/// Tests that measure the process's managed memory run alone: the GC's total is process-wide, so a test allocating
/// beside them (a long diarized call) would be counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "memory measurement";
}
