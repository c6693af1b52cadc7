using System.Globalization;
using System.Text;
using EmoStream.Capture.Audio.Wav;
using EmoStream.Capture.Synthesis;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Storage;
using EmoStream.Sessions.Tests.Support;
using EmoStream.Transcribe;

namespace EmoStream.Dashboard.Tests.Hosting;

/// <summary>The demo call `make run` replays: made at set-up with its own transcript, replayed with it.</summary>
public sealed class DemoReplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-demo-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Set_up_makes_the_demo_call_with_a_transcript_of_every_turn()
    {
        var transcript = TranscriptFile.Read(Path.Combine(DashboardServer.RepoRoot(), ".cache", "demo", "conversation.vtt"));

        Assert.Equal(10, transcript.Count);
        Assert.Equal(["agent", "customer"], transcript.Select(s => s.Speaker).Distinct().Order());
        Assert.Contains(transcript, s => s.Text.Contains("completely unacceptable", StringComparison.Ordinal));
        Assert.All(transcript.Zip(transcript.Skip(1)), p => Assert.True(p.First.End <= p.Second.Start, "cues overlap"));
    }

    [Fact]
    public async Task The_demo_replays_when_the_server_starts_with_the_words_of_its_transcript()
    {
        string[] said = ["Good morning, how can I help you?", "My order never arrived and this is unacceptable!"];
        var clips = said.Select((text, i) =>
        {
            var path = Path.Combine(_dir, $"turn{i}.wav");
            Pcm16WavWriter.Write(path, [new EspeakSynthesizer().Speak(text, EspeakVoice.For(i == 0 ? "agent" : "customer"))], 16_000);
            return path;
        }).ToArray();
        var call = Path.Combine(_dir, "demo.wav");
        var turns = SpeechConversation.Write(call, clips, channelPerSpeaker: true);
        var vtt = new StringBuilder("WEBVTT\n\n");
        for (var i = 0; i < said.Length; i++)
            vtt.Append(CultureInfo.InvariantCulture, $"{Time(turns[i].Start)} --> {Time(turns[i].End)}\n<v {(i == 0 ? "agent" : "customer")}>{said[i]}\n\n");
        var transcript = Path.Combine(_dir, "demo.vtt");
        await File.WriteAllTextAsync(transcript, vtt.ToString());

        await using var server = await DashboardServer.StartAsync("127.0.0.1",
            ("Demo:Enabled", "true"), ("Demo:Path", call), ("Demo:Transcript", transcript), ("Demo:Speakers:0", "agent"), ("Demo:Speakers:1", "customer"));
        var demo = await WaitForAsync(async () => (await server.Store.ListSessionsAsync()).SingleOrDefault());
        Assert.Equal(SessionStatus.Completed, (await server.EndedAsync(demo.Id, TimeSpan.FromSeconds(90))).Status);

        var stored = await server.Store.GetUtterancesAsync(demo.Id);
        Assert.NotEmpty(stored);
        Assert.All(stored, u => Assert.Equal("transcript", u.Engine));
        Assert.All(said, s => Assert.Contains(stored, u => u.Transcript == s));
    }

    [Fact]
    public async Task A_malformed_demo_transcript_leaves_the_words_to_the_recogniser_and_the_demo_still_replays()
    {
        var call = Path.Combine(_dir, "demo.wav");
        var clip = Path.Combine(_dir, "turn.wav");
        Pcm16WavWriter.Write(clip, [new EspeakSynthesizer().Speak("Hello, how are you today?", EspeakVoice.For("agent"))], 16_000);
        SpeechConversation.Write(call, [clip], channelPerSpeaker: true);
        var transcript = Path.Combine(_dir, "demo.vtt");
        await File.WriteAllTextAsync(transcript, "WEBVTT\n\nnot a timing\nhello\n");

        await using var server = await DashboardServer.StartAsync("127.0.0.1",
            ("Demo:Enabled", "true"), ("Demo:Path", call), ("Demo:Transcript", transcript), ("Demo:Speakers:0", "agent"));
        var demo = await WaitForAsync(async () => (await server.Store.ListSessionsAsync()).SingleOrDefault());
        Assert.Equal(SessionStatus.Completed, (await server.EndedAsync(demo.Id, TimeSpan.FromSeconds(90))).Status);
        Assert.DoesNotContain(await server.Store.GetUtterancesAsync(demo.Id), u => u.Engine == "transcript");
    }

    private static string Time(double seconds) => TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        // Polled with a generous limit, not timed: the hosted demo starts with the server.
        for (var i = 0; i < 300; i++)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException("the demo session never started");
    }
}
