using EmoStream.Transcribe.Audio;
using Microsoft.Extensions.Logging;

namespace EmoStream.Transcribe.PocketSphinx;

/// <summary>Offline recognition with CMU PocketSphinx and its US-English model: always available, far less accurate than Whisper.</summary>
public sealed class PocketSphinxTranscriber : PooledTranscriber<PocketSphinxDecoder>
{
    public const string EngineName = "pocketsphinx";

    private readonly PocketSphinxOptions _engineOptions;

    public PocketSphinxTranscriber(TranscriptionOptions options, ILogger<PocketSphinxTranscriber> logger)
        : base(EngineName, options, logger)
    {
        _engineOptions = options.PocketSphinx;
    }

    /// <summary>Why PocketSphinx cannot run here (libraries or model missing); null when it can.</summary>
    public static string? DescribeUnavailability(PocketSphinxOptions options) =>
        !PocketSphinxNative.IsInstalled()
            ? $"{PocketSphinxNative.PocketSphinxLibrary} is not installed (Debian packages libpocketsphinx3, libsphinxbase3)"
            : options.DescribeMissingModel();

    protected override PocketSphinxDecoder CreateDecoder() => PocketSphinxDecoder.Create(_engineOptions);

    // PocketSphinx cannot be interrupted inside ps_process_raw; an abandoned call runs to its end (it is fast).
    protected override EngineOutput Decode(PocketSphinxDecoder decoder, float[] samples, CancellationToken abandoned)
    {
        var pcm = new short[samples.Length];
        SpeechAudio.ToPcm16(samples, pcm);
        return decoder.Decode(pcm);
    }
}
