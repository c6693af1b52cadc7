using EmoStream.Capture.Audio;

namespace EmoStream.Capture.Vad;

/// <summary>
/// Speech probability from a chunk's level relative to a tracked noise floor: the floor follows the level
/// down at once and creeps up slowly, so it settles on the pauses between words. A logistic curve around
/// the margin turns the distance into a probability the segmenter's threshold can use like Silero's.
/// </summary>
internal sealed class EnergyVadDetector(VadOptions options) : IVoiceActivityDetector
{
    private const int Chunk = 512;
    private const double SlopeDb = 2;
    private const double SilenceDb = -100;

    private readonly double _risePerChunk = options.EnergyFloorRiseDbPerSecond * Chunk / (double)SpeechAudio.SampleRate;
    private double? _floorDb;

    public int ChunkSamples => Chunk;

    public float SpeechProbability(ReadOnlySpan<float> chunk)
    {
        if (chunk.Length != Chunk)
            throw new ArgumentException($"the energy detector takes chunks of {Chunk} samples, got {chunk.Length}", nameof(chunk));
        double sum = 0;
        foreach (var s in chunk) sum += (double)s * s;
        var levelDb = Math.Max(SilenceDb, 10 * Math.Log10(sum / chunk.Length + 1e-12));
        _floorDb = _floorDb is { } floor ? Math.Min(levelDb, floor + _risePerChunk) : levelDb;
        if (levelDb < options.EnergyMinimumLevelDb) return 0;
        var distance = levelDb - _floorDb.Value - options.EnergyMarginDb;
        return (float)(1 / (1 + Math.Exp(-distance / SlopeDb)));
    }

    public void Dispose()
    {
    }
}
