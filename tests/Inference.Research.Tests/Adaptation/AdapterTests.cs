using EmoStream.Inference.Adaptation;
using EmoStream.Inference.Calibration;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using EmoStream.Testing;
using Xunit;

namespace EmoStream.Inference.Tests.Adaptation;

/// <summary>
/// Adaptation on synthetic corpora whose answers are known: the "user's calls" come from a corpus whose emotions lie
/// along other directions than the source corpus's (another seed), so the source model is near chance there and
/// corrections of those calls must teach the new model what the current one cannot know.
/// </summary>
public sealed class AdapterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-adapt-").FullName;
    private static readonly TrainingOptions Options = new() { Epochs = 40, BatchDialogues = 4, LearningRate = 3e-3, Seed = 3 };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Corrections_are_held_out_per_class_by_the_seed_and_a_single_correction_of_a_class_trains()
    {
        var corrections = Enumerable.Range(0, 10).Select(i => new LabeledUtterance("a", i, "angry"))
            .Concat(Enumerable.Range(10, 4).Select(i => new LabeledUtterance("b", i, "sad")))
            .Append(new LabeledUtterance("c", 0, "happy")).ToArray();
        var (train, heldOut) = Adapter.Split(corrections, 0.3, seed: 5);
        Assert.Equal(3, heldOut.Count(c => c.Label == "angry"));
        Assert.Equal(1, heldOut.Count(c => c.Label == "sad"));
        Assert.DoesNotContain(heldOut, c => c.Label == "happy");
        Assert.Equal(corrections.Length, train.Count + heldOut.Count);
        Assert.Empty(train.Intersect(heldOut));
        Assert.Equal(heldOut, Adapter.Split(corrections.Reverse().ToArray(), 0.3, seed: 5).HeldOut);
        Assert.NotEqual(heldOut, Adapter.Split(corrections, 0.3, seed: 6).HeldOut);
    }

    [Fact]
    public void Sessions_are_refused_with_a_vector_of_another_size_or_a_label_the_model_lacks_and_their_speakers_stay_apart()
    {
        var source = SyntheticCorpus.Write(Path.Combine(_dir, "source"), new SyntheticCorpusSpec(Groups: 2, DialoguesPerGroup: 2, Prefix: "src-"));
        var metadata = Metadata(source, speakers: 4);
        AdaptationUtterance U(int i, string speaker, int dim = 32, string? label = null) => new(i, speaker, new float[dim], null, label);

        var wrongSize = Assert.Throws<ModelMismatchException>(() => AdaptationInputs.Build([source], [new("s1", [U(0, "agent"), U(1, "agent", dim: 31)])], metadata));
        Assert.Contains("session s1, utterance 1", wrongSize.Message);
        Assert.Contains("31 values", wrongSize.Message);
        var unknown = Assert.Throws<ArgumentException>(() => AdaptationInputs.Build([source], [new("s1", [U(0, "agent", label: "bored")])], metadata));
        Assert.Contains("'bored'", unknown.Message);

        var inputs = AdaptationInputs.Build([source], [new("s1", [U(0, "agent"), U(1, "customer")]), new("s2", [U(0, "agent")])], metadata);
        var speakers = inputs.Corpus.Dialogues.Where(d => d.Group == AdaptationInputs.SessionGroup).SelectMany(d => d.Utterances).Select(u => u.Speaker).Distinct().ToArray();
        Assert.Equal(["session1-speaker1", "session1-speaker2", "session2-speaker1"], speakers);
        Assert.Equal(source.Groups, inputs.SourceGroups);
    }

    [Fact]
    public void A_model_adapted_with_corrections_of_the_users_calls_beats_the_current_one_on_held_out_corrections_and_is_recommended()
    {
        var source = SyntheticCorpus.Write(Path.Combine(_dir, "source"), new SyntheticCorpusSpec(Groups: 3, DialoguesPerGroup: 6, Seed: 7, Prefix: "src-"));
        var target = SyntheticCorpus.Write(Path.Combine(_dir, "target"), new SyntheticCorpusSpec(Groups: 3, DialoguesPerGroup: 6, Seed: 8, Prefix: "tgt-"));
        var metadata = Metadata(source, speakers: 6);
        var (current, _, _, _) = Adapter.Train(AdaptationInputs.Build([source], [], metadata), metadata.Architecture, Options);
        using var _current = current;

        var sessions = Sessions(target);
        var corrections = sessions.SelectMany(s => s.Utterances.Select(u => new LabeledUtterance(s.Id, u.Index, u.Label!))).ToArray();
        var (train, heldOut) = Adapter.Split(corrections, 0.3, seed: 1);
        var inputs = AdaptationInputs.Build([source], Adapter.WithLabels(sessions, train), metadata);
        Assert.Equal(train.Count, inputs.Corpus.Utterances.Count(u => u.Group == AdaptationInputs.SessionGroup && u.Label is not null));
        var (adapted, speakers, _, _) = Adapter.Train(inputs, metadata.Architecture, Options);
        using var _adapted = adapted;
        Assert.Equal(18 * 2, speakers.Count(s => s.StartsWith("session"))); // each session's two speakers are its own

        var adaptation = new AdaptationOptions();
        var encoded = inputs.Encode(heldOut, metadata.Classes);
        var report = Adapter.Compare(current, Temperatures.None, adapted, Temperatures.None, encoded, metadata.Classes, adaptation, seed: 1);
        Assert.Equal(heldOut.Count, report.HeldOut);
        Assert.True(report.Candidate.Metrics.Wa > report.Current.Metrics.Wa + 0.2, $"adapted WA {report.Candidate.Metrics.Wa:F3}, current {report.Current.Metrics.Wa:F3}");
        Assert.True(report.Recommended, report.Reason);
        Assert.Contains("refitted", report.Calibration);

        // Judged the other way round, the same figures make the current model the worse one: not recommended.
        var reverse = Adapter.Compare(adapted, Temperatures.None, current, Temperatures.None, encoded, metadata.Classes, adaptation, seed: 1);
        Assert.False(reverse.Recommended);
        Assert.Contains("worse", reverse.Reason);

        // Too few held-out corrections to tell: never recommended, the current calibration carried over.
        var few = Adapter.Compare(current, Temperatures.None, adapted, new Temperatures(1.7), inputs.Encode(heldOut.Take(5).ToArray(), metadata.Classes),
            metadata.Classes, adaptation, seed: 1);
        Assert.False(few.Recommended);
        Assert.Contains("too few", few.Reason);
        Assert.Equal(1.7, few.Temperatures.Pooled);
        foreach (var d in encoded) d.Dispose();
    }

    /// <summary>The target corpus's dialogues as stored sessions: their vectors, speakers and true labels.</summary>
    private static IReadOnlyList<AdaptationSession> Sessions(Corpus target)
    {
        var features = FeatureInputs.Load(target, acoustic: true, lexical: true);
        return target.Dialogues.Select(d => new AdaptationSession(d.Id, d.Utterances.Select(u =>
        {
            features.Acoustic!.TryGet(u.Id, out var a);
            features.Lexical!.TryGet(u.Id, out var l);
            return new AdaptationUtterance(u.Turn, u.Speaker, a, l, u.Label);
        }).ToArray())).ToArray();
    }

    private static ModelMetadata Metadata(Corpus source, int speakers)
    {
        var features = FeatureInputs.Load(source, acoustic: true, lexical: true);
        var architecture = new DannArchitecture(features.AcousticDim, features.LexicalDim, EmotionClasses.All.Count, speakers, ContextMode.Causal, Hidden: 32, Heads: 4, Residual: true);
        return new ModelMetadata(architecture, EmotionClasses.All, [], features.Acoustic!.Info, features.Lexical!.Info,
            new TrainingSummary(DateTimeOffset.UnixEpoch, source.Directory, [], [], [], 0, 1, 1, 0, 0, null, null, null));
    }
}
