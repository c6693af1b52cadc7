namespace EmoStream.Sessions.Tests.Support;

/// <summary>Tests that share one <see cref="TrainedModel"/> (trained once for all of them).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainedModelCollection : ICollectionFixture<TrainedModel>
{
    public const string Name = "trained model";
}
