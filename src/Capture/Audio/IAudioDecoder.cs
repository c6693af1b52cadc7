namespace EmoStream.Capture.Audio;

/// <summary>Decodes an audio file at its own sample rate and channel count.</summary>
public interface IAudioDecoder
{
    /// <summary>
    /// The decoded audio, or null when the file is not in a format this decoder handles (another may).
    /// Throws <see cref="AudioFormatException"/> when the file is in its format but broken.
    /// </summary>
    PcmAudio? TryDecode(string path, CancellationToken cancellationToken = default);
}
