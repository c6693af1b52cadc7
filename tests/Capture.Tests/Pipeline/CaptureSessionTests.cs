using System.Runtime.CompilerServices;
using EmoStream.Capture.Network;
using EmoStream.Capture.Pipeline;
using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Sources;
using EmoStream.Capture.Tests.Support;
using EmoStream.Capture.Vad;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace EmoStream.Capture.Tests.Pipeline;

public sealed class CaptureSessionTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly SegmentationOptions Segmentation = new();

    /// <summary>A mono recording of 300 Hz bursts over a faint floor; each (start, end) in seconds is speech.</summary>
    private string BurstFile(string name, double seconds, params (double Start, double End)[] bursts)
    {
        var signal = new float[(int)(seconds * 16_000)];
        var random = new Random(9);
        for (var i = 0; i < signal.Length; i++) signal[i] = (float)((random.NextDouble() - 0.5) * 0.001);
        foreach (var (start, end) in bursts)
            for (var i = (int)(start * 16_000); i < (int)(end * 16_000); i++)
                signal[i] += (float)(0.14 * Math.Sin(2 * Math.PI * 300 * i / 16_000));
        var path = _dir.File(name);
        WavWriter.Write(path, [signal], 16_000, WavEncoding.Int16);
        return path;
    }

    [Fact]
    public async Task A_stereo_call_recording_replays_into_utterances_per_named_speaker()
    {
        var conversation = Conversation.Assemble(Conversation.SpeechClips(40), snrDb: null, seed: 4);
        // One speaker per channel: each channel keeps its own speaker's turns and only faint noise elsewhere.
        var channels = new[] { (float[])conversation.Samples.Clone(), (float[])conversation.Samples.Clone() };
        for (var i = 0; i < conversation.Truth.Count; i++)
        {
            var other = channels[1 - conversation.SpeakerOf[i]];
            for (var s = (int)(conversation.Truth[i].Start * 16_000); s < (int)(conversation.Truth[i].End * 16_000); s++) other[s] *= 1e-3f;
        }
        var path = _dir.File("call.wav");
        WavWriter.Write(path, channels, 16_000, WavEncoding.Float32);

        using var vad = Vads.Create(VadEngine.Silero);
        var source = new FileReplaySource(path, new ReplayOptions { ChannelPerSpeaker = true, Pacing = ReplayPacing.AsFastAsPossible });
        await using var session = CaptureSession.Start(source, vad, Segmentation);
        var (utterances, end) = await Sessions.DrainAsync(session);

        Assert.Equal(StreamEndKind.Completed, end.Kind);
        string[] names = ["agent", "customer"];
        Assert.All(utterances, u => Assert.Contains(u.Speaker, names));
        // Boundaries per speaker, pooled over both: an utterance only counts on its own speaker's channel.
        var truth = conversation.Truth.Select((t, i) => (Start: t.Start + 1000 * conversation.SpeakerOf[i], End: t.End + 1000 * conversation.SpeakerOf[i])).ToList();
        var found = utterances.Select(u => (u.Start.TotalSeconds + 1000 * Array.IndexOf(names, u.Speaker), u.End.TotalSeconds + 1000 * Array.IndexOf(names, u.Speaker))).ToList();
        var (precision, recall, f1) = BoundaryScore.Score(truth, found, 0.2);
        output.WriteLine($"{truth.Count} true, {found.Count} found: P {precision:F3} R {recall:F3} F1 {f1:F3}");
        Assert.True(f1 >= 0.95, $"boundary F1 {f1:F3}");
    }

    [Fact]
    public async Task Concurrent_sessions_sharing_one_Silero_model_each_get_their_own_result()
    {
        var conversation = Conversation.Assemble(Conversation.SpeechClips(8), snrDb: 20, seed: 2);
        var path = _dir.File("shared-model.wav");
        WavWriter.Write(path, [conversation.Samples], 16_000, WavEncoding.Float32);
        using var vad = Vads.Create(VadEngine.Silero);
        var fast = new ReplayOptions { Pacing = ReplayPacing.AsFastAsPossible };

        List<Utterance> alone;
        await using (var session = CaptureSession.Start(new FileReplaySource(path, fast), vad, Segmentation))
            alone = (await Sessions.DrainAsync(session)).Utterances;
        var sessions = Enumerable.Range(0, 4).Select(_ => CaptureSession.Start(new FileReplaySource(path, fast), vad, Segmentation)).ToArray();
        var together = await Task.WhenAll(sessions.Select(Sessions.DrainAsync));
        foreach (var session in sessions) await session.DisposeAsync();

        Assert.Equal(conversation.Truth.Count, alone.Count);
        Assert.All(together, result =>
        {
            Assert.Equal(StreamEndKind.Completed, result.End.Kind);
            Assert.Equal(alone.Select(u => (u.Start, u.End)), result.Utterances.Select(u => (u.Start, u.End)));
        });
    }

    [Fact]
    public async Task A_real_time_replay_of_N_seconds_ends_only_once_its_clock_has_run_N_seconds()
    {
        var path = BurstFile("paced.wav", 2.0, (0.5, 1.5));
        using var vad = new EnergyVad(new VadOptions());
        var time = new FakeTimeProvider();
        var source = new FileReplaySource(path, new ReplayOptions { Pacing = ReplayPacing.RealTime }, time: time);

        await using var session = CaptureSession.Start(source, vad, Segmentation);
        var drained = Sessions.DrainAsync(session);
        // The test moves the replay's clock, 100 ms at a time, until the replay ends.
        var elapsed = TimeSpan.Zero;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!drained.IsCompleted)
        {
            await Task.Delay(10, patience.Token);
            Assert.True(elapsed < TimeSpan.FromSeconds(30), "the replay never ended");
            time.Advance(TimeSpan.FromMilliseconds(100));
            elapsed += TimeSpan.FromMilliseconds(100);
        }
        var (utterances, end) = await drained;

        Assert.Equal(StreamEndKind.Completed, end.Kind);
        Assert.Equal("speaker", Assert.Single(utterances).Speaker); // a mono recording: one, unnamed speaker
        // Never sooner than the audio lasts on the replay's clock (its last frame is due at 2.0 s).
        Assert.True(elapsed >= TimeSpan.FromSeconds(2.0), $"ended after {elapsed.TotalSeconds:F1} s of its clock");
    }

    [Fact]
    public async Task An_empty_file_ends_its_stream_with_the_reason()
    {
        var path = _dir.File("empty.wav");
        File.WriteAllBytes(path, []);
        using var vad = new EnergyVad(new VadOptions());

        await using var session = CaptureSession.Start(new FileReplaySource(path, new ReplayOptions()), vad, Segmentation);
        var (utterances, end) = await Sessions.DrainAsync(session);

        Assert.Empty(utterances);
        Assert.Equal(StreamEndKind.Failed, end.Kind);
        Assert.Equal($"{path}: the file is empty (0 bytes)", end.Reason);
    }

    [Fact]
    public async Task One_failing_stream_does_not_disturb_another()
    {
        using var vad = new EnergyVad(new VadOptions());
        var good = BurstFile("good.wav", 4.0, (0.5, 1.5), (2.5, 3.5));
        var badMessages = Messages(
            TelephonyMessages.Start(1),
            TelephonyMessages.Media(2, "inbound", 0, Signals.Tone(300, 8000, 0.02, 0.3)),
            NetworkMessage.Text("{\"event\":\"media\", truncated"));

        await using var healthy = CaptureSession.Start(new FileReplaySource(good, new ReplayOptions { Pacing = ReplayPacing.RealTime }), vad, Segmentation);
        await using var broken = CaptureSession.Start(
            new NetworkAudioSource("call CA0001", badMessages, new TelephonyMediaParser("call CA0001", new TelephonyOptions())), vad, Segmentation);
        var results = await Task.WhenAll(Sessions.DrainAsync(healthy), Sessions.DrainAsync(broken));

        Assert.Equal(StreamEndKind.Failed, results[1].End.Kind);
        Assert.StartsWith("call CA0001: message 3: not valid JSON", results[1].End.Reason);
        Assert.Equal(StreamEndKind.Completed, results[0].End.Kind);
        Assert.Equal(2, results[0].Utterances.Count);
    }

    [Fact]
    public async Task A_lost_connection_ends_the_stream_with_the_reason()
    {
        using var vad = new EnergyVad(new VadOptions());
        var source = new NetworkAudioSource("browser 7", Dropping(), new Pcm16StreamParser("browser 7", 16_000, ["speaker"]));

        await using var session = CaptureSession.Start(source, vad, Segmentation);
        var (_, end) = await Sessions.DrainAsync(session);

        Assert.Equal(StreamEndKind.Failed, end.Kind);
        Assert.Equal("browser 7: the connection was lost (connection reset by peer)", end.Reason);
    }

    [Fact]
    public async Task A_call_closed_before_its_stop_event_ends_with_the_reason()
    {
        using var vad = new EnergyVad(new VadOptions());
        var messages = Messages(TelephonyMessages.Start(1), TelephonyMessages.Media(2, "inbound", 0, new float[160]));
        var source = new NetworkAudioSource("call CA0002", messages, new TelephonyMediaParser("call CA0002", new TelephonyOptions()));

        await using var session = CaptureSession.Start(source, vad, Segmentation);
        var (_, end) = await Sessions.DrainAsync(session);

        Assert.Equal(StreamEndKind.Failed, end.Kind);
        Assert.Equal("call CA0002: the connection closed before the 'stop' event", end.Reason);
    }

    [Fact]
    public async Task A_browser_stream_that_closes_normally_completes_with_its_utterances()
    {
        using var vad = new EnergyVad(new VadOptions());
        var path = BurstFile("browser.wav", 3.0, (0.5, 2.0));
        var samples = Support.WavWriter.Encode([Resampling(path)], 16_000, WavEncoding.Int16)[44..];
        var messages = Messages(Enumerable.Range(0, (samples.Length + 8191) / 8192)
            .Select(i => NetworkMessage.Binary(samples.AsMemory(i * 8192, Math.Min(8192, samples.Length - i * 8192)))).ToArray());

        await using var session = CaptureSession.Start(
            new NetworkAudioSource("browser 8", messages, new Pcm16StreamParser("browser 8", 16_000, ["guest"])), vad, Segmentation);
        var (utterances, end) = await Sessions.DrainAsync(session);

        Assert.Equal(StreamEndKind.Completed, end.Kind);
        var u = Assert.Single(utterances);
        Assert.Equal("guest", u.Speaker);
        Assert.InRange(u.Start.TotalSeconds, 0.43, 0.57);
        Assert.InRange(u.End.TotalSeconds, 1.93, 2.07);
    }

    [Fact]
    public async Task Stopping_a_session_ends_it_as_cancelled()
    {
        using var vad = new EnergyVad(new VadOptions());
        var path = BurstFile("long.wav", 30.0, (1, 29));
        using var stop = new CancellationTokenSource();

        var session = CaptureSession.Start(new FileReplaySource(path, new ReplayOptions { Pacing = ReplayPacing.RealTime }), vad, Segmentation, cancellationToken: stop.Token);
        await Task.Delay(300);
        await stop.CancelAsync();
        var (_, end) = await Sessions.DrainAsync(session);
        await session.DisposeAsync();

        Assert.Equal(StreamEndKind.Cancelled, end.Kind);
    }

    [Fact]
    public async Task A_consumer_that_does_not_read_holds_the_source_back()
    {
        using var vad = new EnergyVad(new VadOptions());
        var bursts = Enumerable.Range(0, 60).Select(i => (i + 0.2, i + 0.7)).ToArray();
        var path = BurstFile("many.wav", 60.0, bursts);
        var source = new CountingSource(new FileReplaySource(path, new ReplayOptions { Pacing = ReplayPacing.AsFastAsPossible }));
        var queues = new CaptureSessionOptions { FrameQueue = 8, UtteranceQueue = 2 };

        await using var session = CaptureSession.Start(source, vad, Segmentation, queues);
        await Task.Delay(1500);
        var takenWhileBlocked = source.FramesTaken;
        output.WriteLine($"frames taken while nobody read: {takenWhileBlocked}");
        var (utterances, end) = await Sessions.DrainAsync(session);

        // 60 s at 32 ms per frame is 1875 frames; blocked, only the queues and the utterances waiting in them are taken.
        Assert.InRange(takenWhileBlocked, 1, 300);
        Assert.Equal(1875, source.FramesTaken);
        Assert.Equal(StreamEndKind.Completed, end.Kind);
        Assert.Equal(60, utterances.Count);
    }

    [Fact]
    public async Task A_call_at_the_wrong_rate_ends_with_the_reason()
    {
        using var vad = new EnergyVad(new VadOptions());
        var messages = Messages(TelephonyMessages.Connected(), TelephonyMessages.Start(1, sampleRate: 16000));
        var source = new NetworkAudioSource("call CA0003", messages, new TelephonyMediaParser("call CA0003", new TelephonyOptions()));

        await using var session = CaptureSession.Start(source, vad, Segmentation);
        var (utterances, end) = await Sessions.DrainAsync(session);

        Assert.Empty(utterances);
        Assert.Equal(StreamEndKind.Failed, end.Kind);
        Assert.Equal("call CA0003: message 2: media sample rate 16000 Hz; expected 8000 Hz", end.Reason);
    }

    private static float[] Resampling(string path) => EmoStream.Capture.Audio.AudioFileReader.Default.Read16kMono(path);

    private static async IAsyncEnumerable<NetworkMessage> Messages(params NetworkMessage[] messages)
    {
        foreach (var m in messages)
        {
            await Task.Yield();
            yield return m;
        }
    }

    private static async IAsyncEnumerable<NetworkMessage> Dropping([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return NetworkMessage.Binary(new byte[3200]);
        throw new IOException("connection reset by peer");
    }
}
