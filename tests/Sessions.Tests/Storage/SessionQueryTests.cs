using EmoStream.Sessions.Alerts;
using EmoStream.Sessions.Storage;
using Microsoft.Data.Sqlite;

namespace EmoStream.Sessions.Tests.Storage;

/// <summary>The session list's filters and paging: SQLite's query and the stores' default (in memory) select the same, hand-checked sessions.</summary>
public sealed class SessionQueryTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-query-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>
    /// a: day 0, completed, agent/customer, neutral then angry ×2 (alert) · b: day 1, failed, agent/customer, happy ·
    /// c: day 2, running, caller (live), sad · d: day 3, completed, "speaker" whose utterances name Bob, neutral · e: day 4, stopped, none.
    /// </summary>
    private static async Task<ISessionStore> FillAsync(ISessionStore store)
    {
        async Task Add(string id, int day, SessionStatus status, string[] speakers, params (string Speaker, string Emotion, bool Alert)[] utterances)
        {
            await store.CreateSessionAsync(new SessionRecord(id, SessionKind.Replay, id + ".wav", SessionStatus.Running, Day.AddDays(day), null, speakers, "m"));
            for (var i = 0; i < utterances.Length; i++)
            {
                var (speaker, emotion, alert) = utterances[i];
                await store.AddUtteranceAsync(new UtteranceRecord(id, i, speaker, i, i + 0.5, null, null, null, emotion,
                    new Dictionary<string, double> { [emotion] = 1 }, new Dictionary<string, double> { ["audio"] = 1 },
                    alert ? new AlertRecord(1, speaker, 0, i, 0, i + 0.5, i + 1, new Dictionary<string, int> { [emotion] = i + 1 }, true) : null), null, null);
            }
            if (status != SessionStatus.Running) await store.EndSessionAsync(id, status, Day.AddDays(day).AddMinutes(5), null);
        }
        await Add("a", 0, SessionStatus.Completed, ["agent", "customer"], ("agent", "neutral", false), ("customer", "angry", false), ("customer", "angry", true));
        await Add("b", 1, SessionStatus.Failed, ["agent", "customer"], ("agent", "happy", false));
        await Add("c", 2, SessionStatus.Running, ["caller"], ("caller", "sad", false));
        await Add("d", 3, SessionStatus.Completed, ["speaker"], ("Bob", "neutral", false));
        await Add("e", 4, SessionStatus.Stopped, ["agent"]);
        return store;
    }

    public static TheoryData<string, SessionQuery, string[], int> Cases => new()
    {
        { "everything, newest first", new SessionQuery(), ["e", "d", "c", "b", "a"], 5 },
        { "status", new SessionQuery(Statuses: [SessionStatus.Completed, SessionStatus.Stopped]), ["e", "d", "a"], 3 },
        { "date range, to exclusive", new SessionQuery(From: Day.AddDays(1), To: Day.AddDays(3)), ["c", "b"], 2 },
        { "speaker of the session, any case", new SessionQuery(Speaker: "AGENT"), ["e", "b", "a"], 3 },
        { "speaker named only by utterances", new SessionQuery(Speaker: "bob"), ["d"], 1 },
        { "emotion", new SessionQuery(Emotion: "neutral"), ["d", "a"], 2 },
        { "with alerts", new SessionQuery(Alert: true), ["a"], 1 },
        { "without alerts", new SessionQuery(Alert: false), ["e", "d", "c", "b"], 4 },
        { "filters together", new SessionQuery(Statuses: [SessionStatus.Completed], Speaker: "customer", Emotion: "angry", Alert: true), ["a"], 1 },
        { "second page", new SessionQuery(Offset: 2, Limit: 2), ["c", "b"], 5 },
        { "past the end", new SessionQuery(Offset: 10, Limit: 2), [], 5 },
        { "page of a filter", new SessionQuery(Alert: false, Offset: 1, Limit: 2), ["d", "c"], 4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SQLite_and_the_default_query_select_the_hand_checked_sessions(string what, SessionQuery query, string[] expected, int total)
    {
        ISessionStore sqlite = await FillAsync(await SqliteSessionStore.OpenAsync(Path.Combine(_dir, "q.db")));
        ISessionStore plain = await FillAsync(new PlainStore(await SqliteSessionStore.OpenAsync(Path.Combine(_dir, "plain.db"))));
        foreach (var store in new[] { sqlite, plain })
        {
            var page = await store.QueryAsync(query);
            Assert.True(expected.SequenceEqual(page.Sessions.Select(s => s.Id)), $"{what} ({store.GetType().Name}): got [{string.Join(", ", page.Sessions.Select(s => s.Id))}]");
            Assert.Equal(total, page.Total);
        }
    }

    [Fact]
    public async Task Audio_of_ended_sessions_that_started_before_a_time_is_deleted_and_their_utterances_stay()
    {
        var store = await SqliteSessionStore.OpenAsync(Path.Combine(_dir, "audio.db"));
        foreach (var (id, day, ended) in new[] { ("old", 0, true), ("old-running", 0, false), ("new", 5, true) })
        {
            await store.CreateSessionAsync(new SessionRecord(id, SessionKind.Live, "live", SessionStatus.Running, Day.AddDays(day), null, ["a"], "m"));
            await store.AddUtteranceAsync(new UtteranceRecord(id, 0, "a", 0, 1, null, null, null, "sad",
                new Dictionary<string, double> { ["sad"] = 1 }, new Dictionary<string, double> { ["audio"] = 1 }), new UtteranceAudio([0.1f, 0.2f], 16000), null);
            if (ended) await store.EndSessionAsync(id, SessionStatus.Completed, Day.AddDays(day).AddMinutes(1), null);
        }
        Assert.Equal(1, await store.DeleteAudioAsync(Day.AddDays(1)));
        Assert.Null(await store.GetUtteranceAudioAsync("old", 0));
        Assert.Single(await store.GetUtterancesAsync("old"));
        Assert.NotNull(await store.GetUtteranceAudioAsync("old-running", 0));
        Assert.NotNull(await store.GetUtteranceAudioAsync("new", 0));
    }

    /// <summary>A store that implements only what every store must: <see cref="ISessionStore.QueryAsync"/> is the interface's default.</summary>
    private sealed class PlainStore(ISessionStore inner) : ISessionStore
    {
        public ValueTask DisposeAsync() => inner.DisposeAsync();

        public Task CreateSessionAsync(SessionRecord session, CancellationToken cancellationToken = default) => inner.CreateSessionAsync(session, cancellationToken);

        public Task EndSessionAsync(string sessionId, SessionStatus status, DateTimeOffset endedUtc, string? detail, CancellationToken cancellationToken = default) =>
            inner.EndSessionAsync(sessionId, status, endedUtc, detail, cancellationToken);

        public Task AddUtteranceAsync(UtteranceRecord utterance, UtteranceAudio? audio, UtteranceFeatures? features, CancellationToken cancellationToken = default) =>
            inner.AddUtteranceAsync(utterance, audio, features, cancellationToken);

        public Task<IReadOnlyList<StoredFeatures>> GetFeaturesAsync(string sessionId, CancellationToken cancellationToken = default) =>
            inner.GetFeaturesAsync(sessionId, cancellationToken);

        public Task<CorrectionRecord> AddCorrectionAsync(string sessionId, int index, string? emotion, string author, DateTimeOffset createdUtc,
            CancellationToken cancellationToken = default) => inner.AddCorrectionAsync(sessionId, index, emotion, author, createdUtc, cancellationToken);

        public Task<IReadOnlyList<CorrectionRecord>> GetCorrectionsAsync(string sessionId, CancellationToken cancellationToken = default) =>
            inner.GetCorrectionsAsync(sessionId, cancellationToken);

        public Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default) => inner.GetSessionAsync(sessionId, cancellationToken);

        public Task<IReadOnlyList<SessionRecord>> ListSessionsAsync(CancellationToken cancellationToken = default) => inner.ListSessionsAsync(cancellationToken);

        public Task<IReadOnlyDictionary<string, int>> CountUtterancesAsync(CancellationToken cancellationToken = default) => inner.CountUtterancesAsync(cancellationToken);

        public Task<IReadOnlyList<UtteranceRecord>> GetUtterancesAsync(string sessionId, int fromIndex = 0, CancellationToken cancellationToken = default) =>
            inner.GetUtterancesAsync(sessionId, fromIndex, cancellationToken);

        public Task<UtteranceAudio?> GetUtteranceAudioAsync(string sessionId, int index, CancellationToken cancellationToken = default) =>
            inner.GetUtteranceAudioAsync(sessionId, index, cancellationToken);

        public Task<bool> EndIfRunningAsync(string sessionId, SessionStatus status, DateTimeOffset endedUtc, string? detail, CancellationToken cancellationToken = default) =>
            inner.EndIfRunningAsync(sessionId, status, endedUtc, detail, cancellationToken);

        public Task<IReadOnlyList<SessionOwnership>> ListRunningAsync(CancellationToken cancellationToken = default) => inner.ListRunningAsync(cancellationToken);

        public Task<string?> GetOwnerAsync(string sessionId, CancellationToken cancellationToken = default) => inner.GetOwnerAsync(sessionId, cancellationToken);

        public Task<bool> DeleteSessionAsync(string sessionId, CancellationToken cancellationToken = default) => inner.DeleteSessionAsync(sessionId, cancellationToken);
    }
}
