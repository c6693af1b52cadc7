namespace EmoStream.Capture.Streams;

/// <summary>
/// Live or replayed audio as 16 kHz mono frames per speaker channel. Ends normally when the audio ends;
/// throws <see cref="AudioStreamException"/> (or <see cref="Audio.AudioFormatException"/> for a file) with a
/// reason a user can act on when it cannot go on.
/// </summary>
public interface IAudioSource
{
    /// <summary>What the audio comes from, for messages and logs (a path, a device, a call id).</summary>
    string Name { get; }

    IAsyncEnumerable<AudioFrame> ReadAsync(CancellationToken cancellationToken = default);
}
