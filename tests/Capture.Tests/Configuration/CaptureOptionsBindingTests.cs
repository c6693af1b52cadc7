using EmoStream.Capture.Network;
using EmoStream.Capture.Pipeline;
using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Sources;
using EmoStream.Capture.Vad;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmoStream.Capture.Tests.Configuration;

/// <summary>The repository's appsettings.json binds to the capture options, and says what their defaults say.</summary>
public sealed class CaptureOptionsBindingTests
{
    private static ServiceProvider Services(string json)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)))
            .Build();
        return new ServiceCollection().AddCapture(configuration).BuildServiceProvider();
    }

    private static string RepositoryAppSettings()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln")))
                return File.ReadAllText(Path.Combine(dir.FullName, "appsettings.json"));
        throw new InvalidOperationException("no Streaming.sln above the test's folder");
    }

    [Fact]
    public void The_shipped_settings_bind_to_the_documented_defaults()
    {
        using var services = Services(RepositoryAppSettings());

        var vad = services.GetRequiredService<IOptions<VadOptions>>().Value;
        var segmentation = services.GetRequiredService<IOptions<SegmentationOptions>>().Value;
        var replay = services.GetRequiredService<IOptions<ReplayOptions>>().Value;
        var microphone = services.GetRequiredService<IOptions<MicrophoneOptions>>().Value;
        var telephony = services.GetRequiredService<IOptions<TelephonyOptions>>().Value;
        var session = services.GetRequiredService<IOptions<CaptureSessionOptions>>().Value;

        var defaults = new SegmentationOptions();
        Assert.Equal(VadEngine.Silero, vad.Engine);
        Assert.Equal(new VadOptions().ModelPath, vad.ModelPath);
        Assert.Equal(
            (defaults.Threshold, defaults.ThresholdHysteresis, defaults.MinSpeechMs, defaults.MinSilenceMs, defaults.SpeechPadMs, defaults.MaxUtteranceMs),
            (segmentation.Threshold, segmentation.ThresholdHysteresis, segmentation.MinSpeechMs, segmentation.MinSilenceMs, segmentation.SpeechPadMs, segmentation.MaxUtteranceMs));
        Assert.Equal(["agent", "customer"], replay.EffectiveSpeakerNames);
        Assert.Equal(ReplayPacing.RealTime, replay.Pacing);
        Assert.Equal(["speaker"], microphone.EffectiveSpeakerNames);
        Assert.Equal("customer", telephony.TrackSpeakers["inbound"]);
        Assert.Equal(64, session.FrameQueue);
        Assert.Equal("silero-v6.2", services.GetRequiredService<IVoiceActivityDetectorFactory>().Name);
    }

    [Fact]
    public void Configured_values_replace_defaults()
    {
        using var services = Services("""
            { "Capture": {
                "Vad": { "Engine": "Energy" },
                "Segmentation": { "MinSilenceMs": 700, "MaxUtteranceMs": 8000 },
                "Replay": { "SpeakerNames": [ "left", "right", "third" ], "Pacing": "AsFastAsPossible" } } }
            """);

        Assert.Equal("energy", services.GetRequiredService<IVoiceActivityDetectorFactory>().Name);
        var segmentation = services.GetRequiredService<IOptions<SegmentationOptions>>().Value;
        Assert.Equal((700, 8000), (segmentation.MinSilenceMs, segmentation.MaxUtteranceMs));
        var replay = services.GetRequiredService<IOptions<ReplayOptions>>().Value;
        Assert.Equal(["left", "right", "third"], replay.EffectiveSpeakerNames);
        Assert.Equal(ReplayPacing.AsFastAsPossible, replay.Pacing);
    }

    [Fact]
    public void A_missing_silero_model_is_reported_with_the_set_up_step()
    {
        var e = Assert.Throws<CaptureConfigurationException>(() =>
            VoiceActivityDetection.CreateFactory(new VadOptions { ModelPath = "/nowhere/silero_vad.onnx" }));
        Assert.Contains("/nowhere/silero_vad.onnx", e.Message);
        Assert.Contains("scripts/setup.sh", e.Message);
    }
}
