using EmoStream.Capture.Sources;
using EmoStream.Inference.Scoring;
using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions.Storage;
using EmoStream.Sessions.Tests.Support;
using EmoStream.Inference.Model;
using EmoStream.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmoStream.Sessions.Tests.Pipeline;

/// <summary>Real speech through the whole pipeline: Silero VAD, PocketSphinx, the compact and GloVe featurizers, a trained causal model, SQLite.</summary>
[Collection(TrainedModelCollection.Name)]
public sealed class SessionPipelineTests(TrainedModel model) : IDisposable
{
    private static readonly string[] Emotions = ["angry", "sad", "happy"];
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-session-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Six turns alternating between two actors the model never heard.</summary>
    private string Conversation(string name, int turns = 6)
    {
        var a = RavdessClips.Of("03", Emotions, turns / 2 + 1);
        var b = RavdessClips.Of("04", Emotions, turns / 2 + 1);
        var clips = Enumerable.Range(0, turns).Select(i => (i % 2 == 0 ? a : b)[i / 2].Path).ToArray();
        var path = Path.Combine(_dir, name);
        SpeechConversation.Write(path, clips, channelPerSpeaker: false);
        return path;
    }

    private async Task<SessionRegistry> Host(string engine, params (string, string)[] more) => Observed(
        await SessionRegistry.CreateAsync(PipelineConfiguration.Create(Path.Combine(_dir, "data"), engine, more), model.Path!, NullLoggerFactory.Instance));

    private readonly SessionCollector _published = new();

    private SessionRegistry Observed(SessionRegistry registry)
    {
        registry.Subscribe(_published);
        return registry;
    }

    private static ReplayOptions Replay(ReplayPacing pacing) => new() { Pacing = pacing };

    private static Task<RunningSession> Start(SessionRegistry host, string file, ReplayPacing pacing, SessionKind kind = SessionKind.Replay) =>
        host.StartAsync(new FileReplaySource(file, Replay(pacing)), kind, ["speaker"], null, CancellationToken.None);

    private Task<List<UtteranceRecord>> Drain(RunningSession session) => _published.DrainAsync(session);

    private static void AssertEqual(UtteranceRecord expected, UtteranceRecord actual)
    {
        Assert.Equal(expected with { Probabilities = actual.Probabilities, Weights = actual.Weights }, actual);
        Assert.Equal(expected.Probabilities, actual.Probabilities);
        Assert.Equal(expected.Weights, actual.Weights);
    }

    [Fact]
    public async Task Transcribed_results_arrive_in_order_after_being_stored_and_equal_what_is_stored()
    {
        var file = Conversation("talk.wav");
        await using var host = await Host("pocketsphinx", ("Pipeline:TranscriptionLookahead", "3"));
        var checkedStored = new List<int>();
        host.Subscribe(new SessionCollector(async (session, r) =>
        {
            // Persist before publish: what a viewer receives is already in the database.
            // (later ones may be stored already: the pipeline runs ahead of its observers within its queue bound).
            AssertEqual(r, (await host.Store.GetUtterancesAsync(session.Id, r.Index))[0]);
            checkedStored.Add(r.Index);
        }));
        var session = await Start(host, file, ReplayPacing.AsFastAsPossible);

        var results = await Drain(session);
        var outcome = await session.Pipeline.Completion;
        Assert.Equal(results.Select(r => r.Index), checkedStored);

        Assert.Equal(SessionStatus.Completed, outcome.Status);
        Assert.InRange(results.Count, 5, 12); // six sentences; the VAD may split one at a pause
        Assert.Equal(Enumerable.Range(0, results.Count), results.Select(r => r.Index));
        Assert.True(results.Zip(results.Skip(1)).All(p => p.First.Start < p.Second.Start), "results out of capture order");
        var stored = await host.Store.GetUtterancesAsync(session.Id);
        Assert.Equal(results.Count, stored.Count);
        foreach (var (r, s) in results.Zip(stored)) AssertEqual(r, s);
        foreach (var r in results)
        {
            Assert.Equal(host.Model.Classes, r.Probabilities.Keys);
            Assert.Equal(1.0, r.Probabilities.Values.Sum(), 4);
            Assert.Equal(r.Probabilities.MaxBy(p => p.Value).Key, r.Emotion);
            Assert.Equal(1.0, r.Weights[ModalityNames.Audio] + r.Weights[ModalityNames.Text], 4);
            // Text missing: the model masks it. Text present: it takes part in the decision.
            if (r.Transcript is null) Assert.Equal(0.0, r.Weights[ModalityNames.Text]);
            else Assert.True(r.Weights[ModalityNames.Text] > 0 && r.Engine == "pocketsphinx" && r.TranscriptConfidence is >= 0 and <= 1);
        }
        // Stored with every result (on by default): the vectors scored, each beside its featurizer; no text, no text vector.
        var features = await host.Store.GetFeaturesAsync(session.Id);
        Assert.Equal(results.Select(r => r.Index), features.Select(f => f.Index));
        foreach (var (r, f) in results.Zip(features.Select(f => f.Features)))
        {
            Assert.Equal(host.Model.Acoustic!.Info, f.AcousticFeaturizer);
            Assert.Equal(host.Model.Acoustic.Info.Dimension, f.Acoustic!.Length);
            Assert.Equal(r.Weights[ModalityNames.Text] > 0, f.Lexical is not null);
            Assert.Equal(f.Lexical is null ? null : host.Model.Lexical!.Info, f.LexicalFeaturizer);
        }
        // Words of the sentences spoken ("Kids are talking by the door.", "Dogs are sitting by the door.") come out.
        string[] spoken = ["kids", "talking", "dogs", "sitting", "door"];
        Assert.Contains(results, r => r.Transcript is { Length: > 0 } text
            && text.Split(' ').Any(w => spoken.Contains(w, StringComparer.OrdinalIgnoreCase)));
        var record = (await host.Store.GetSessionAsync(session.Id))!;
        Assert.Equal(SessionStatus.Completed, record.Status);
        Assert.NotNull(record.EndedUtc);
        Assert.Equal(host.Model.Id, record.ModelId);
        Assert.Equal(file, record.Source);
    }

    [Fact]
    public async Task Without_transcription_the_stored_audio_rescored_by_the_model_gives_the_published_results()
    {
        var file = Conversation("audio-only.wav");
        await using var host = await Host("none", ("Storage:StoreAudio", "true"));
        var session = await Start(host, file, ReplayPacing.AsFastAsPossible);
        var results = await Drain(session);
        Assert.Equal(SessionStatus.Completed, (await session.Pipeline.Completion).Status);
        Assert.NotEmpty(results);

        // Recompute every decision from the stored audio with the model's own featurizer and a fresh dialogue state.
        using var scorer = host.Model.CreateScorer(100);
        foreach (var r in results)
        {
            Assert.Null(r.Transcript);
            Assert.Null(r.Engine);
            Assert.Equal(1.0, r.Weights[ModalityNames.Audio], 6);
            var audio = (await host.Store.GetUtteranceAudioAsync(session.Id, r.Index))!.Samples;
            var expected = host.Model.Score(scorer, host.Model.Acoustic!.Extract(audio), null);
            Assert.Equal(expected.Probabilities.Select(p => (double)p), r.Probabilities.Values);
        }
    }

    [Fact]
    public async Task The_stored_features_rescored_give_the_published_results_and_none_are_stored_when_turned_off()
    {
        var file = Conversation("features.wav", turns: 4);
        await using (var host = await Host("none"))
        {
            var session = await Start(host, file, ReplayPacing.AsFastAsPossible);
            var results = await Drain(session);
            Assert.NotEmpty(results);
            var features = await host.Store.GetFeaturesAsync(session.Id);
            Assert.Equal(results.Select(r => r.Index), features.Select(f => f.Index));
            // What adaptation reads back is what the model scored: a fresh dialogue state over it gives every published answer.
            using var scorer = host.Model.CreateScorer(100);
            foreach (var (r, f) in results.Zip(features.Select(f => f.Features)))
            {
                Assert.Null(f.Lexical); // no transcription: the text modality is absent, not zeros
                Assert.Null(f.LexicalFeaturizer);
                Assert.Equal(r.Probabilities.Values, host.Model.Score(scorer, f.Acoustic, f.Lexical).Probabilities.Select(p => (double)p));
            }
        }
        await using (var off = await Host("none", ("Storage:StoreFeatures", "false")))
        {
            var session = await Start(off, file, ReplayPacing.AsFastAsPossible);
            Assert.NotEmpty(await Drain(session));
            Assert.NotEmpty(await off.Store.GetUtterancesAsync(session.Id));
            Assert.Empty(await off.Store.GetFeaturesAsync(session.Id));
        }
    }

    [Fact]
    public async Task A_failing_session_ends_alone_while_a_concurrent_one_completes_as_if_it_ran_by_itself()
    {
        var good = Conversation("good.wav", turns: 4);
        var bad = Path.Combine(_dir, "bad.wav");
        await File.WriteAllTextAsync(bad, "RIFF this is no audio at all");
        await using var host = await Host("none");

        var alone = await Start(host, good, ReplayPacing.AsFastAsPossible);
        var expected = await Drain(alone);
        var failing = await Start(host, bad, ReplayPacing.AsFastAsPossible);
        var beside = await Start(host, good, ReplayPacing.AsFastAsPossible);
        var both = await Task.WhenAll(Drain(failing), Drain(beside));

        var failed = await failing.Pipeline.Completion;
        Assert.Equal(SessionStatus.Failed, failed.Status);
        Assert.Contains(bad, failed.Detail);
        Assert.Empty(both[0]);
        Assert.Equal(SessionStatus.Failed, (await host.Store.GetSessionAsync(failing.Id))!.Status);
        Assert.Equal(SessionStatus.Completed, (await beside.Pipeline.Completion).Status);
        // Its own dialogue state: identical to the run alone, untouched by the other session.
        Assert.Equal(expected.Count, both[1].Count);
        foreach (var (e, a) in expected.Zip(both[1])) AssertEqual(e with { SessionId = beside.Id }, a);
    }

    [Fact]
    public async Task Stopping_a_live_session_stores_every_utterance_captured_before_the_stop()
    {
        var file = Conversation("live.wav");
        await using var host = await Host("none");
        var stop = new TaskCompletionSource<Task<SessionOutcome?>>();
        // Stopped from the first result on; the observer must not wait for the stop, which waits for the observers.
        host.Subscribe(new SessionCollector((s, _) =>
        {
            if (!stop.Task.IsCompleted) stop.TrySetResult(host.StopAsync(s.Id));
            return Task.CompletedTask;
        }));
        var session = await Start(host, file, ReplayPacing.RealTime, SessionKind.Live);

        var results = await Drain(session);
        var outcome = (await await stop.Task)!;

        Assert.Equal(SessionStatus.Stopped, outcome.Status);
        Assert.Equal(results.Count, outcome.Utterances);
        Assert.InRange(results.Count, 1, 3); // stopped early in a six-turn recording
        Assert.Equal(results.Count, (await host.Store.GetUtterancesAsync(session.Id)).Count);
        var record = (await host.Store.GetSessionAsync(session.Id))!;
        Assert.Equal(SessionStatus.Stopped, record.Status);
        Assert.Equal(SessionKind.Live, record.Kind);
    }

    [Fact]
    public async Task An_observer_that_does_not_keep_up_holds_the_session_back_without_losing_anything()
    {
        var file = Conversation("slow-reader.wav");
        await using var host = await Host("none", ("Pipeline:ResultQueue", "1"));
        var release = new TaskCompletionSource();
        host.Subscribe(new SessionCollector((_, _) => release.Task));
        var session = await Start(host, file, ReplayPacing.AsFastAsPossible);

        // The observer holds the first result; one waits in the queue, the next is stored and waits to enter it;
        // nothing further is scored.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await host.Store.GetUtterancesAsync(session.Id)).Count < 3) await Task.Delay(50, patience.Token);
        await Task.Delay(1000);
        Assert.Equal(3, (await host.Store.GetUtterancesAsync(session.Id)).Count);
        Assert.False(session.Completion.IsCompleted);

        release.SetResult();
        var results = await Drain(session);
        Assert.Equal(SessionStatus.Completed, (await session.Pipeline.Completion).Status);
        Assert.Equal(Enumerable.Range(0, results.Count), results.Select(r => r.Index));
        Assert.True(results.Count >= 5, $"only {results.Count} utterances");
        Assert.Equal(results.Count, (await host.Store.GetUtterancesAsync(session.Id)).Count);
    }

    [Fact]
    public async Task Shutting_the_host_down_stops_running_sessions_and_loses_no_result_they_published()
    {
        var file = Conversation("shutdown.wav");
        var host = await Host("none");
        var store = host.Store;
        var first = new TaskCompletionSource();
        host.Subscribe(new SessionCollector((_, _) =>
        {
            first.TrySetResult();
            return Task.CompletedTask;
        }));
        var session = await Start(host, file, ReplayPacing.RealTime, SessionKind.Live);
        await first.Task;

        await host.DisposeAsync();
        var published = _published.Published(session.Id);

        Assert.Empty(host.Running);
        Assert.True(session.Completion.IsCompleted, "disposal returned before the observers heard the end");
        Assert.Equal(SessionStatus.Stopped, (await session.Pipeline.Completion).Status);
        var stored = await store.GetUtterancesAsync(session.Id);
        Assert.Equal(published.Select(r => r.Index), stored.Select(u => u.Index));
        Assert.Equal(SessionStatus.Stopped, (await store.GetSessionAsync(session.Id))!.Status);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Start(host, file, ReplayPacing.RealTime, SessionKind.Live));
    }

    [Fact]
    public void Refuses_an_offline_model_and_one_whose_featurizer_this_build_cannot_rebuild()
    {
        var offline = Path.Combine(_dir, "offline.emsm");
        Save(offline, ContextMode.Offline, new("acoustic/compact@1", Inference.Features.Modality.Acoustic, 8, "whatever"));
        Assert.Contains("--mode causal", Assert.Throws<ModelMismatchException>(() => ScoringModel.Load(offline)).Message);

        var foreign = Path.Combine(_dir, "foreign.emsm");
        Save(foreign, ContextMode.Causal, new("acoustic/compact@1", Inference.Features.Modality.Acoustic, 8, "sr=8000"));
        var error = Assert.Throws<ModelMismatchException>(() => ScoringModel.Load(foreign));
        Assert.Contains(foreign, error.Message);
        Assert.Contains("acoustic featurizer", error.Message);
    }

    [Fact]
    public void Rebuilds_the_lexical_featurizer_its_metadata_names_and_refuses_an_unknown_one()
    {
        var minilm = Path.Combine(_dir, "minilm.emsm");
        Save(minilm, ContextMode.Causal, null, new Inference.Features.Lexical.MiniLmLexicalFeaturizer().Info);
        using (var model = ScoringModel.Load(minilm))
        {
            Assert.IsType<Inference.Features.Lexical.MiniLmLexicalFeaturizer>(model.Lexical);
            Assert.Null(model.Acoustic);
            Assert.True(Inference.Features.Lexical.MiniLmEncoder.IsLoaded);
        }

        var unknown = Path.Combine(_dir, "unknown-text.emsm");
        Save(unknown, ContextMode.Causal, null, new("lexical/bert-large@2", Inference.Features.Modality.Lexical, 1024, "layers=24"));
        var error = Assert.Throws<ModelMismatchException>(() => ScoringModel.Load(unknown));
        Assert.Contains(unknown, error.Message);
        Assert.Contains("lexical featurizer", error.Message);
        Assert.Contains("lexical/bert-large@2", error.Message);
    }

    private static void Save(string path, ContextMode mode, Inference.Features.FeaturizerInfo? acoustic,
        Inference.Features.FeaturizerInfo? lexical = null)
    {
        var architecture = new DannArchitecture(acoustic?.Dimension ?? 0, lexical?.Dimension ?? 0, 4, 2, mode);
        using var network = new ContextualDann(architecture);
        ModelFile.Save(path, network, new ModelMetadata(architecture, Inference.Corpora.EmotionClasses.All, ["a", "b"], acoustic, lexical,
            new TrainingSummary(DateTimeOffset.UnixEpoch, "none", ["1"], [], ["1"], 0, 1, 1, 0, 0, null, null, null)));
    }
}
