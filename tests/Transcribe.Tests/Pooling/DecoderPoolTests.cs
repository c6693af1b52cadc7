using EmoStream.Transcribe.Pooling;

namespace EmoStream.Transcribe.Tests.Pooling;

public sealed class DecoderPoolTests
{
    private sealed class Resource : IDisposable
    {
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    [Fact]
    public async Task Decoders_are_created_on_demand_reused_and_bounded()
    {
        var created = 0;
        using var pool = new DecoderPool<Resource>(() => { created++; return new Resource(); }, capacity: 2);
        var a = await pool.RentAsync(CancellationToken.None);
        pool.Return(a);
        var again = await pool.RentAsync(CancellationToken.None);
        Assert.Same(a, again);
        var b = await pool.RentAsync(CancellationToken.None);
        Assert.Equal(2, created);

        var third = pool.RentAsync(CancellationToken.None).AsTask();
        Assert.False(third.IsCompleted);
        pool.Return(b);
        Assert.Same(b, await third);
        Assert.Equal(2, created);
    }

    [Fact]
    public async Task An_abandoned_decoder_frees_its_slot_at_once_and_is_disposed_when_its_call_returns()
    {
        using var pool = new DecoderPool<Resource>(() => new Resource(), capacity: 1);
        var stuck = await pool.RentAsync(CancellationToken.None);
        var call = new TaskCompletionSource();
        pool.Abandon(stuck, call.Task);

        var fresh = await pool.RentAsync(CancellationToken.None);
        Assert.NotSame(stuck, fresh);
        Assert.False(stuck.Disposed);
        Assert.Equal(2, pool.LiveCount);

        call.SetResult();
        Assert.True(stuck.Disposed);
        Assert.Equal(1, pool.LiveCount);
    }

    [Fact]
    public async Task A_failing_factory_does_not_leak_a_slot()
    {
        var fail = true;
        using var pool = new DecoderPool<Resource>(() => fail ? throw new InvalidOperationException("no model") : new Resource(), capacity: 1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.RentAsync(CancellationToken.None).AsTask());
        fail = false;
        Assert.NotNull(await pool.RentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Disposing_the_pool_disposes_idle_decoders_and_later_returns()
    {
        var pool = new DecoderPool<Resource>(() => new Resource(), capacity: 2);
        var idle = await pool.RentAsync(CancellationToken.None);
        var busy = await pool.RentAsync(CancellationToken.None);
        pool.Return(idle);
        pool.Dispose();
        Assert.True(idle.Disposed);
        Assert.False(busy.Disposed);
        pool.Return(busy);
        Assert.True(busy.Disposed);
    }
}
