using System.Runtime.CompilerServices;
using EmoStream.Capture.Streams;

namespace EmoStream.Capture.Tests.Support;

/// <summary>Passes a real source through, counting the frames taken from it (to observe back-pressure).</summary>
public sealed class CountingSource(IAudioSource inner) : IAudioSource
{
    private int _frames;

    public int FramesTaken => Volatile.Read(ref _frames);

    public string Name => inner.Name;

    public async IAsyncEnumerable<AudioFrame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var frame in inner.ReadAsync(cancellationToken))
        {
            Interlocked.Increment(ref _frames);
            yield return frame;
        }
    }
}
