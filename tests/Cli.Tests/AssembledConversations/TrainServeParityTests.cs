using EmoStream.Capture.Sources;
using EmoStream.Dashboard.Cli;
using EmoStream.Sessions;
using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions.Storage;
using EmoStream.Cli.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;
using EmoStream.Inference.Features.Acoustic;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmoStream.Cli.Tests.AssembledConversations;

/// <summary>
/// Train as you serve: the acoustic features `featurize` stores for an assembled conversation corpus equal those the
/// live pipeline computes when the same recording is replayed (the audio it stores with each result, featurized).
/// Tolerance 1e-5 relative: both sides hand the featurizer the same 16-bit samples, so any difference is a bug.
/// </summary>
[Collection(TrainedModelCollection.Name)]
public sealed class TrainServeParityTests(TrainedModel model) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-parity-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("--stereo")]
    [InlineData("--mono")]
    public async Task Features_computed_for_training_equal_those_the_live_pipeline_computes(string layout)
    {
        var source = EspeakClipCorpus.Write(Path.Combine(_dir, "clips"));
        var output = Path.Combine(_dir, "conversations");
        Expect(await CliRunner.RunAsync("assemble", "--corpus", source.Directory, "--groups", "voice-*", "--out", output,
            "--conversations", "2", "--turns", "6", layout, "--text", "corpus"));
        Expect(await CliRunner.RunAsync("featurize", "--corpus", output, "--set", "compact", "--modalities", "audio", "--threads", "1"));
        var corpus = Corpus.Load(output);
        var stored = new FeatureStore(output).Find(Modality.Acoustic)!;
        var trained = stored.Entries.ToDictionary(e => e.Id, e => e.Vector);
        var featurizer = AcousticFeatureSets.Create(stored.Info);

        var configuration = PipelineConfiguration.Create(Path.Combine(_dir, "data"), "none", ("Storage:StoreAudio", "true"));
        await using var host = await SessionRegistry.CreateAsync(configuration, model.Path!, NullLoggerFactory.Instance);
        var published = new SessionCollector();
        host.Subscribe(published);
        var compared = 0;
        foreach (var dialogue in corpus.Dialogues)
        {
            var recording = Path.Combine(output, "audio", dialogue.Id["conversations-".Length..] + ".wav");
            var speakers = dialogue.Utterances.Select(u => u.Speaker).Distinct().ToArray();
            var replay = new ReplayOptions { Pacing = ReplayPacing.AsFastAsPossible, ChannelPerSpeaker = layout == "--stereo", SpeakerNames = speakers };
            var session = await host.StartReplayAsync(recording, replay, CancellationToken.None);
            var results = await published.DrainAsync(session);
            Assert.Equal(dialogue.Utterances.Count, results.Count);
            for (var i = 0; i < results.Count; i++)
            {
                var audio = await host.Store.GetUtteranceAudioAsync(session.Id, results[i].Index) ?? throw new InvalidOperationException("no audio stored");
                var live = featurizer.Extract(audio.Samples);
                var training = trained[dialogue.Utterances[i].Id]!;
                Assert.Equal(training.Length, live.Length);
                for (var k = 0; k < live.Length; k++)
                    Assert.True(Math.Abs(live[k] - training[k]) <= 1e-5 * (1 + Math.Abs(training[k])),
                        $"{dialogue.Utterances[i].Id} feature {k}: training {training[k]}, live {live[k]}");
                compared++;
            }
        }
        Assert.True(compared >= 10, $"only {compared} utterances compared");
    }

    private static void Expect(CliRunner.Result run) => Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
}
