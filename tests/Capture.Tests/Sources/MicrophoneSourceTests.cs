using EmoStream.Capture.Pipeline;
using EmoStream.Capture.Sources;
using EmoStream.Capture.Streams;
using EmoStream.Capture.Tests.Support;
using EmoStream.Capture.Vad;

namespace EmoStream.Capture.Tests.Sources;

/// <summary>
/// The microphone through arecord. Test machines have no sound card, so these use ALSA's "null" device
/// (a capture device that always delivers) and a device that does not exist (what a vanished one looks like to arecord).
/// </summary>
public sealed class MicrophoneSourceTests
{
    [Fact]
    public async Task Records_16_kHz_frames_per_channel_until_stopped()
    {
        var source = new MicrophoneSource(new MicrophoneOptions { Device = "null", Channels = 2, SpeakerNames = ["left", "right"] });
        using var stop = new CancellationTokenSource();
        var samples = new Dictionary<string, int> { ["left"] = 0, ["right"] = 0 };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var frame in source.ReadAsync(stop.Token))
            {
                samples[frame.Speaker] += frame.Samples.Length;
                if (samples["right"] >= 16_000) await stop.CancelAsync();
            }
        });

        Assert.True(samples["left"] >= 16_000);
        Assert.Equal(samples["left"], samples["right"]);
    }

    [Fact]
    public async Task A_device_that_is_not_there_ends_the_stream_with_arecords_reason()
    {
        var source = new MicrophoneSource(new MicrophoneOptions { Device = "hw:CARD=Vanished,DEV=0" });

        var e = await Assert.ThrowsAsync<AudioStreamException>(async () =>
        {
            await foreach (var _ in source.ReadAsync()) { }
        });

        Assert.Equal("microphone 'hw:CARD=Vanished,DEV=0'", e.StreamName);
        Assert.StartsWith("the capture device stopped: ", e.Reason);
        Assert.Contains("arecord", e.Reason);
    }

    [Fact]
    public async Task In_a_session_a_vanished_device_is_a_failed_stream()
    {
        using var vad = new EnergyVad(new VadOptions());
        await using var session = CaptureSession.Start(
            new MicrophoneSource(new MicrophoneOptions { Device = "hw:CARD=Vanished,DEV=0" }), vad, new EmoStream.Capture.Segmentation.SegmentationOptions());

        var (utterances, end) = await Sessions.DrainAsync(session);

        Assert.Empty(utterances);
        Assert.Equal(StreamEndKind.Failed, end.Kind);
        Assert.StartsWith("microphone 'hw:CARD=Vanished,DEV=0': the capture device stopped: ", end.Reason);
    }
}
