using EmoStream.Inference.Corpora;
using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using EmoStream.Testing;

namespace EmoStream.Inference.Tests.Training;

/// <summary>A synthetic corpus on disk (real manifest and feature files) and its paper-protocol split.</summary>
internal sealed class TrainingFixture : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-train-").FullName;

    public TrainingFixture(SyntheticCorpusSpec spec, string[] labeled, string[] unlabeled, string[] test)
    {
        Corpus = SyntheticCorpus.Write(_dir, spec);
        Features = FeatureInputs.Load(Corpus, acoustic: true, lexical: true);
        Data = TrainingSet.Build(Corpus, Features, labeled, unlabeled, test);
    }

    public Corpus Corpus { get; }
    public FeatureInputs Features { get; }
    public TrainingSet Data { get; }

    public DannArchitecture Architecture(ContextMode mode) =>
        new(Features.AcousticDim, Features.LexicalDim, EmotionClasses.All.Count, Data.Speakers.Count, mode);

    public void Dispose()
    {
        Data.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
