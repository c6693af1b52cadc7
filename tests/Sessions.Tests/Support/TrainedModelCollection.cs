namespace EmoStream.Dashboard.Tests.Support;

/// <summary>Tests that share one <see cref="TrainedModel"/> (trained once for all of them).</summary>
[CollectionDefinition(Name)]
public sealed class TrainedModelCollection : ICollectionFixture<TrainedModel>
{
    public const string Name = "trained model";
}
