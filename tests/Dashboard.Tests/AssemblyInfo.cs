// libtorch's random generator is process-wide: tests that seed it must not interleave with others that draw from it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
