namespace EmoStream.Testing;

/// <summary>
/// libtorch's random generator is process-wide: tests that seed it or draw from it (model initialisation,
/// training) run in this collection, one at a time and apart from every other test, which runs in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LibTorchGenerator
{
    public const string Name = "libtorch generator";
}
