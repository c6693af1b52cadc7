using EmoStream.Dashboard.Cli;
using EmoStream.Dashboard.Cli.Adaptation;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;
using EmoStream.Inference.Model;
using EmoStream.Sessions.Storage;
using Microsoft.Data.Sqlite;

namespace EmoStream.Cli.Tests;

/// <summary>How <c>adapt</c> and <c>experiment adapt</c> read a real SQLite store: which sessions, which vectors, which labels.</summary>
public sealed class StoredSessionsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-stored-").FullName;
    private SqliteSessionStore _store = null!;
    private static readonly DateTimeOffset Day = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly ModelMetadata Model = ModelFile.ReadMetadata(Path.Combine(DefaultModelTests.RepoRoot(), "models", "default.emsm"));

    public async Task InitializeAsync() => _store = await SqliteSessionStore.OpenAsync(Path.Combine(_dir, "emostream.db"));

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A session of utterances (speaker, start, end), ended with <paramref name="status"/>; vectors by <paramref name="acoustic"/>'s featurizer, or none.</summary>
    private async Task<string> SessionAsync(string source, DateTimeOffset created, SessionStatus status, (string Speaker, double Start, double End)[] utterances,
        FeaturizerInfo? acoustic)
    {
        var id = Guid.NewGuid().ToString("N");
        await _store.CreateSessionAsync(new SessionRecord(id, SessionKind.Replay, source, SessionStatus.Running, created, null, ["a", "b"], "m@x#1"));
        for (var i = 0; i < utterances.Length; i++)
        {
            var (speaker, start, end) = utterances[i];
            var record = new UtteranceRecord(id, i, speaker, start, end, null, null, null, "neutral",
                new Dictionary<string, double> { ["happy"] = 0.1, ["neutral"] = 0.7, ["angry"] = 0.1, ["sad"] = 0.1 },
                new Dictionary<string, double> { ["audio"] = 1, ["text"] = 0 });
            var features = acoustic is null ? null : new UtteranceFeatures(acoustic, Enumerable.Repeat((float)i, acoustic.Dimension).ToArray(), null, null);
            await _store.AddUtteranceAsync(record, null, features);
        }
        if (status != SessionStatus.Running) await _store.EndSessionAsync(id, status, created.AddMinutes(5), null);
        return id;
    }

    [Fact]
    public async Task Sessions_are_chosen_by_id_status_and_start_time_never_running_and_oldest_first()
    {
        var a = Model.AcousticFeaturizer;
        var old = await SessionAsync("old.wav", Day.AddDays(-10), SessionStatus.Completed, [("a", 0, 1)], a);
        var stopped = await SessionAsync("stopped.wav", Day, SessionStatus.Stopped, [("a", 0, 1)], a);
        var completed = await SessionAsync("completed.wav", Day.AddHours(1), SessionStatus.Completed, [("a", 0, 1)], a);
        var running = await SessionAsync("running.wav", Day.AddHours(2), SessionStatus.Running, [("a", 0, 1)], a);

        Task<IReadOnlyList<SessionRecord>> Select(IReadOnlyCollection<string>? ids = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
            IReadOnlyCollection<SessionStatus>? statuses = null) =>
            new SessionSelection(ids ?? [], from, to, statuses ?? []).SelectAsync(_store, CancellationToken.None);

        Assert.Equal([old, stopped, completed], (await Select()).Select(s => s.Id));
        Assert.Equal([stopped, completed], (await Select(from: Day)).Select(s => s.Id));
        Assert.Equal([old], (await Select(to: Day)).Select(s => s.Id));
        Assert.Equal([old, completed], (await Select(statuses: [SessionStatus.Completed])).Select(s => s.Id));
        Assert.Equal([completed], (await Select(ids: [completed, stopped], statuses: [SessionStatus.Completed])).Select(s => s.Id));
        var refused = await Assert.ThrowsAsync<CliUsageException>(() => Select(ids: [running]));
        Assert.Contains("still running", refused.Message);
    }

    [Fact]
    public async Task The_latest_correction_is_the_label_and_sessions_without_the_models_features_are_skipped_by_name()
    {
        var a = Model.AcousticFeaturizer!;
        var kept = await SessionAsync("kept.wav", Day, SessionStatus.Completed, [("agent", 0, 1), ("customer", 1, 2), ("agent", 2, 3), ("customer", 3, 4)], a);
        var bare = await SessionAsync("bare.wav", Day, SessionStatus.Completed, [("agent", 0, 1)], null);
        var alien = await SessionAsync("alien.wav", Day, SessionStatus.Completed, [("agent", 0, 1)], a with { Settings = a.Settings + ";other" });
        await _store.AddCorrectionAsync(kept, 0, "sad", "alice", Day.AddHours(1));
        await _store.AddCorrectionAsync(kept, 0, "angry", "bob", Day.AddHours(2));
        await _store.AddCorrectionAsync(kept, 1, "happy", "alice", Day.AddHours(1));
        await _store.AddCorrectionAsync(kept, 1, null, "alice", Day.AddHours(3));
        await _store.AddCorrectionAsync(kept, 2, "sad", "alice", Day.AddHours(1));

        var sessions = await _store.ListSessionsAsync();
        var read = await StoredSessionReader.ReadAsync(_store, [.. sessions.OrderBy(s => s.Source)], Model, CancellationToken.None);

        var session = Assert.Single(read.Sessions);
        Assert.Equal(kept, session.Id);
        Assert.Equal(["agent", "customer", "agent", "customer"], session.Utterances.Select(u => u.Speaker));
        Assert.Equal(["angry", null, "sad", null], session.Utterances.Select(u => u.Label));
        Assert.Equal(Enumerable.Repeat(2f, a.Dimension), session.Utterances[2].Acoustic!);
        Assert.Null(session.Utterances[2].Lexical);
        Assert.Equal([(kept, 0, "angry"), (kept, 2, "sad")], read.Corrections.Select(c => (c.SessionId, c.Index, c.Label)));
        Assert.Equal(1, read.NoneOfThese);
        Assert.Equal(4, read.Utterances);
        Assert.Equal(2, read.Skipped.Count);
        Assert.Contains(read.Skipped, s => s.StartsWith($"{alien}: its features were made by other featurizers", StringComparison.Ordinal));
        Assert.Contains(read.Skipped, s => s.StartsWith($"{bare}: no stored features", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_replayed_conversations_utterances_take_the_label_of_the_same_speakers_turn_that_covers_most_of_them()
    {
        var a = Model.AcousticFeaturizer;
        var conversation = await SessionAsync("/somewhere/conv-d1.wav", Day, SessionStatus.Completed,
            [("x", 0.1, 2.0), ("y", 2.4, 4.0), ("x", 4.5, 6.5), ("y", 7.0, 7.4)], a);
        await SessionAsync("other.wav", Day, SessionStatus.Completed, [("x", 0, 1)], a);
        CorpusUtterance Turn(int t, string speaker, string label, double start, double end) =>
            new($"conv-d1-u{t}", "conv-d1", t, speaker, "conv", label, null, "audio/d1.wav", start, end);
        var corpus = Corpus.FromUtterances("conv", [Turn(0, "x", "angry", 0, 2), Turn(1, "y", "sad", 2.5, 4), Turn(2, "x", "happy", 5.6, 6.5), Turn(3, "x", "sad", 7, 8)]);

        var (labels, matched) = await ConversationTruth.MatchAsync(_store, await _store.ListSessionsAsync(), corpus, CancellationToken.None);

        Assert.Equal([conversation], matched.Select(s => s.Id));
        // Utterance 2 overlaps its turn for 0.9 of 2.0 s (under half); utterance 3 is y's, and only x speaks then.
        Assert.Equal([(0, "angry"), (1, "sad")], labels.Select(l => (l.Index, l.Label)));
    }
}
