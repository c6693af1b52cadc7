using EmoStream.Capture.Network;
using EmoStream.Capture.Pipeline;
using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Sources;
using EmoStream.Capture.Vad;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmoStream.Capture;

public static class CaptureServiceCollectionExtensions
{
    /// <summary>
    /// Binds the <c>Capture:*</c> sections of appsettings.json to their options classes and registers the
    /// configured voice activity detector factory (one for the process: the Silero model is loaded once).
    /// </summary>
    public static IServiceCollection AddCapture(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<VadOptions>(configuration.GetSection(VadOptions.SectionName));
        services.Configure<SegmentationOptions>(configuration.GetSection(SegmentationOptions.SectionName));
        services.Configure<ReplayOptions>(configuration.GetSection(ReplayOptions.SectionName));
        services.Configure<MicrophoneOptions>(configuration.GetSection(MicrophoneOptions.SectionName));
        services.Configure<TelephonyOptions>(configuration.GetSection(TelephonyOptions.SectionName));
        services.Configure<CaptureSessionOptions>(configuration.GetSection(CaptureSessionOptions.SectionName));
        services.AddSingleton<IVoiceActivityDetectorFactory>(provider =>
            VoiceActivityDetection.CreateFactory(provider.GetRequiredService<IOptions<VadOptions>>().Value));
        return services;
    }
}
