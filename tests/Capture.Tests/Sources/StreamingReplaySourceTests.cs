using EmoStream.Capture.Audio;
using EmoStream.Capture.Sources;
using EmoStream.Capture.Streams;
using EmoStream.Capture.Tests.Support;

namespace EmoStream.Capture.Tests.Sources;

/// <summary>Uploads are replayed from a streaming decode: the same audio as the whole-file reader, in bounded memory, with a length limit.</summary>
[Collection(MemoryMeasurement.Name)]
public sealed class StreamingReplaySourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<Dictionary<string, List<float>>> CollectAsync(IAudioSource source)
    {
        var speakers = new Dictionary<string, List<float>>();
        await foreach (var frame in source.ReadAsync())
        {
            if (!speakers.TryGetValue(frame.Speaker, out var samples)) speakers[frame.Speaker] = samples = [];
            samples.AddRange(frame.Samples);
        }
        return speakers;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Gives_the_same_audio_as_the_whole_file_replay(bool channelPerSpeaker)
    {
        var wav = _dir.File("tones.wav");
        WavWriter.Write(wav, [Signals.Tone(440, 44_100, 2.0, 0.4), Signals.Tone(1000, 44_100, 2.0, 0.2)], 44_100, WavEncoding.Float32);
        var options = new ReplayOptions { Pacing = ReplayPacing.AsFastAsPossible, ChannelPerSpeaker = channelPerSpeaker, SpeakerNames = ["left", "right"] };

        var whole = await CollectAsync(new FileReplaySource(wav, options));
        var streamed = await CollectAsync(new StreamingReplaySource(wav, "tones.wav", options, TimeSpan.FromHours(1)));

        Assert.Equal(whole.Keys.Order(), streamed.Keys.Order());
        foreach (var (speaker, expected) in whole)
        {
            var actual = streamed[speaker];
            Assert.InRange(actual.Count, expected.Count - 2, expected.Count + 2);
            var n = Math.Min(actual.Count, expected.Count);
            var worst = Enumerable.Range(0, n).Max(i => Math.Abs(actual[i] - expected[i]));
            Assert.True(worst < 1e-3, $"{speaker}: largest difference {worst}");
        }
    }

    [Fact]
    public async Task Two_hours_of_audio_stream_through_in_bounded_memory()
    {
        var flac = _dir.File("silence.flac");
        ExternalTool.Run("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "7200", "-c:a", "flac", flac);
        var source = new StreamingReplaySource(flac, "silence.flac", new ReplayOptions { Pacing = ReplayPacing.AsFastAsPossible }, TimeSpan.FromHours(3));
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long samples = 0, frames = 0, peak = 0;
        await foreach (var frame in source.ReadAsync())
        {
            samples += frame.Samples.Length;
            if (++frames % 20_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
        }
        Assert.Equal(7200L * 16000, samples, tolerance: 16000);
        // The whole recording at 16 kHz would be 460 MB of floats; a stream holds a few blocks.
        Assert.True(peak < 64L << 20, $"live memory grew by {peak >> 20} MB while streaming");
    }

    [Fact]
    public async Task A_recording_over_the_limit_ends_the_stream_naming_it_not_its_path()
    {
        var flac = _dir.File("long.flac");
        ExternalTool.Run("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "120", "-c:a", "flac", flac);
        var source = new StreamingReplaySource(flac, "call.flac", new ReplayOptions { Pacing = ReplayPacing.AsFastAsPossible }, TimeSpan.FromMinutes(1));
        var error = await Assert.ThrowsAsync<RecordingTooLongException>(() => CollectAsync(source));
        Assert.Equal("call.flac: the recording lasts more than the limit of 1 min", error.Message);
    }
}
