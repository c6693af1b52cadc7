using System.Collections.Concurrent;

namespace EmoStream.Transcribe.Pooling;

/// <summary>
/// A bounded pool of native decoders shared by every session: at most <c>capacity</c> exist at once, created
/// on first need. A decoder stuck in a native call is abandoned: its slot is freed at once (a fresh decoder
/// takes it) and the stuck one is disposed when, if ever, its call returns.
/// </summary>
public sealed class DecoderPool<T> : IDisposable where T : class, IDisposable
{
    private readonly Func<T> _create;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<T> _idle = new();
    private volatile bool _disposed;
    private int _live;

    public DecoderPool(Func<T> create, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _create = create;
        _slots = new SemaphoreSlim(capacity, capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Decoders created and not yet disposed (idle, rented or abandoned-but-running).</summary>
    public int LiveCount => Volatile.Read(ref _live);

    public async ValueTask<T> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_idle.TryTake(out var idle)) return idle;
        try
        {
            var created = _create();
            Interlocked.Increment(ref _live);
            return created;
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void Return(T decoder)
    {
        if (_disposed) Destroy(decoder);
        else _idle.Add(decoder);
        _slots.Release();
    }

    /// <summary>Gives up on a decoder whose call is still running (or left it in an unknown state).</summary>
    public void Abandon(T decoder, Task stillRunning)
    {
        _slots.Release();
        stillRunning.ContinueWith(_ => Destroy(decoder), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Destroy(T decoder)
    {
        decoder.Dispose();
        Interlocked.Decrement(ref _live);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var decoder)) Destroy(decoder);
    }
}
