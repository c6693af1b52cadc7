namespace EmoStream.Capture.Audio;

/// <summary>Asks each decoder in turn (cheap native ones first); the first that recognises the file decodes it.</summary>
public sealed class ChainedAudioDecoder(IReadOnlyList<IAudioDecoder> decoders) : IAudioDecoder
{
    public PcmAudio? TryDecode(string path, CancellationToken cancellationToken = default)
    {
        foreach (var decoder in decoders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (decoder.TryDecode(path, cancellationToken) is { } audio) return audio;
        }
        return null;
    }
}
