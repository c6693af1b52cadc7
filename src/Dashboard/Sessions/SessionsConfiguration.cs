using EmoStream.Capture;
using EmoStream.Capture.Network;
using EmoStream.Capture.Pipeline;
using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Sources;
using EmoStream.Capture.Vad;
using EmoStream.Inference.Features.Lexical;
using EmoStream.Sessions.Alerts;
using EmoStream.Sessions.Configuration;
using EmoStream.Sessions.Models;
using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions.Storage;
using EmoStream.Transcribe;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EmoStream.Sessions;

/// <summary>The settings sessions run on, each section bound once and checked at start-up.</summary>
public static class SessionsConfiguration
{
    public const string LexicalSection = "Features:Lexical";

    public static IServiceCollection AddSessionOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidated<PipelineOptions>(configuration, PipelineOptions.SectionName, o => ValidatedOptions.Thrown(o.Validate));
        services.AddValidated<ScoringOptions>(configuration, ScoringOptions.SectionName,
            o => o.Window < 1 ? $"{ScoringOptions.SectionName}:Window is {o.Window}; expected at least 1" : null);
        services.AddValidated<StorageOptions>(configuration, StorageOptions.SectionName, o => o.Problem());
        services.AddValidated<ModelsOptions>(configuration, ModelsOptions.Section, o => o.Problem());
        // The capture sections are bound where capture defines them, and checked here.
        services.AddCapture(configuration);
        services.AddCheck<SegmentationOptions>(o => ValidatedOptions.Thrown(o.Validate));
        services.AddCheck<CaptureSessionOptions>(_ => null);
        services.AddCheck<TelephonyOptions>(_ => null);
        services.AddCheck<VadOptions>(o => Enum.IsDefined(o.Engine) ? null : $"{VadOptions.SectionName}:Engine '{o.Engine}' is not an engine; use Silero or Energy");
        services.AddCheck<ReplayOptions>(o => o.FrameMs > 0 ? null : $"{ReplayOptions.SectionName}:FrameMs is {o.FrameMs}; expected more than 0");
        services.AddValidated<TranscriptionOptions>(configuration, TranscriptionOptions.SectionName, o => ValidatedOptions.Thrown(o.Validate));
        services.AddValidated<LexicalFeaturizerOptions>(configuration, LexicalSection);
        services.AddValidated<AlertOptions>(configuration, AlertOptions.SectionName, o => o.Problem());
        return services;
    }
}
