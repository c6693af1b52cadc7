using System.Text.Json;
using EmoStream.Dashboard.Hubs;
using EmoStream.Dashboard.Security;
using EmoStream.Sessions;
using EmoStream.Sessions.Storage;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EmoStream.Dashboard.Cluster;

/// <summary>
/// This node's membership and its commands to and from other nodes, over Redis (docs/SCALING.md):
/// <list type="bullet">
/// <item>Membership: a key per node (<c>emostream:node:{owner token}</c>, its address as value) that expires after
/// <see cref="ClusterOptions.NodeTimeout"/> unless renewed every <see cref="ClusterOptions.HeartbeatInterval"/>.</item>
/// <item>Failure detection: every interval each node lists the running sessions in the shared store; those whose
/// owner's key has expired are recorded <see cref="SessionStatus.Interrupted"/> (the first node to do so wins,
/// <see cref="ISessionStore.EndIfRunningAsync"/>) and their viewers and the session list are told.</item>
/// <item>Commands: each node subscribes to its own channel; stop and hold (for a viewer's catch-up) are published
/// there with a reply channel. A publish nobody receives means the owner is gone, at once.</item>
/// </list>
/// </summary>
public sealed class RedisCluster(SessionRegistry sessions, IHubContext<SessionsHub> hub, SessionListFeed list, Microsoft.AspNetCore.Hosting.Server.IServer server,
    IOptions<ClusterOptions> options, ILogger<RedisCluster> logger) : ISessionCluster, IHostedService, IAsyncDisposable
{
    private const string Prefix = "emostream";

    /// <summary>Longest a node holds a session's results back for a viewer on another node.</summary>
    private static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ClusterOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionMultiplexer? _redis;
    private Task _beating = Task.CompletedTask;

    /// <summary>This node: the owner token its sessions are recorded with.</summary>
    public static string Self => SessionOwner.Current.Token;

    private static RedisKey NodeKey(string owner) => $"{Prefix}:node:{owner}";

    private static RedisChannel Commands(string owner) => RedisChannel.Literal($"{Prefix}:commands:{owner}");

    private sealed record Command(string Kind, string SessionId, string Reply);

    private sealed record Reply(bool Running, int LastPublished = -1);

    /// <exception cref="HostingConfigurationException">Redis cannot be reached.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _redis = await ConnectionMultiplexer.ConnectAsync(_options.Redis).ConfigureAwait(false);
        }
        catch (RedisConnectionException e)
        {
            throw new HostingConfigurationException($"{ClusterOptions.SectionName}:Redis: cannot reach Redis at '{_options.Redis}' ({e.Message})");
        }
        // Member before serving: a session this node creates always has a live owner key.
        await BeatAsync().ConfigureAwait(false);
        await _redis.GetSubscriber().SubscribeAsync(Commands(Self), (channel, message) => _ = Task.Run(() => HandleAsync(message!))).ConfigureAwait(false);
        _beating = RunAsync(_stopping.Token);
        logger.LogInformation("cluster: node {Node} joined through Redis {Redis}", Self, _options.Redis);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _beating.ConfigureAwait(false);
        if (_redis is null) return;
        try
        {
            // Its sessions were drained before hosted services stop: leaving now interrupts nothing.
            await _redis.GetSubscriber().UnsubscribeAsync(Commands(Self)).ConfigureAwait(false);
            await _redis.GetDatabase().KeyDeleteAsync(NodeKey(Self)).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            logger.LogWarning("cluster: could not leave cleanly ({Reason}); the node key expires by itself", e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Also when the host failed to start and never stopped this.
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _beating.ConfigureAwait(false);
        _stopping.Dispose();
        if (_redis is not null) await _redis.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await BeatAsync().ConfigureAwait(false);
                    await InterruptSessionsOfGoneNodesAsync(stopping).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Redis or the store unreachable for a moment: try again next beat (other nodes may find this one gone meanwhile).
                    logger.LogWarning("cluster: heartbeat failed ({Reason})", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private Task BeatAsync()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";
        return _redis!.GetDatabase().StringSetAsync(NodeKey(Self), address, _options.NodeTimeout);
    }

    private async Task InterruptSessionsOfGoneNodesAsync(CancellationToken cancellationToken)
    {
        var database = _redis!.GetDatabase();
        var running = await sessions.Store.ListRunningAsync(cancellationToken).ConfigureAwait(false);
        foreach (var owned in running.Where(r => r.Owner is not null && r.Owner != Self).GroupBy(r => r.Owner!))
        {
            if (await database.KeyExistsAsync(NodeKey(owned.Key)).ConfigureAwait(false)) continue;
            foreach (var (id, _) in owned)
            {
                var detail = $"its node ({owned.Key}) stopped answering for {_options.NodeTimeout.TotalSeconds:0.#} s (killed, crashed or cut off); what it stored before stays";
                if (!await sessions.Store.EndIfRunningAsync(id, SessionStatus.Interrupted, sessions.Time.GetUtcNow(), detail, cancellationToken).ConfigureAwait(false))
                    continue; // another node marked it first, or it ended
                logger.LogWarning("cluster: session {Session} marked interrupted: its node {Node} is gone", id, owned.Key);
                if (await sessions.Store.GetSessionAsync(id, cancellationToken).ConfigureAwait(false) is not { } ended) continue;
                var stored = await sessions.Store.GetUtterancesAsync(id, 0, cancellationToken).ConfigureAwait(false);
                await list.PublishAsync(ended, stored.Count).ConfigureAwait(false);
                await hub.Clients.Group(SessionEvents.Group(id)).SendAsync(SessionEvents.SessionEnded, ended, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static string NewReplyChannel() => $"{Prefix}:reply:{Guid.NewGuid():N}";

    /// <summary>Where the node holding a session back for a viewer of this node hears that the catch-up is done.</summary>
    private static RedisChannel Release(string replyChannel) => RedisChannel.Literal(replyChannel + ":release");

    public async Task<bool> StopElsewhereAsync(string sessionId, CancellationToken cancellationToken) =>
        await RequestAsync(sessionId, "stop", NewReplyChannel(), _options.CommandTimeout, cancellationToken).ConfigureAwait(false) is { Running: true };

    public async Task<SessionHold?> HoldAsync(string sessionId, CancellationToken cancellationToken)
    {
        var channel = NewReplyChannel();
        var reply = await RequestAsync(sessionId, "hold", channel, HoldLimit, cancellationToken).ConfigureAwait(false);
        return reply is { Running: true }
            ? new SessionHold(reply.LastPublished, () => _redis!.GetSubscriber().PublishAsync(Release(channel), "release"))
            : null;
    }

    public async Task<string?> NodeAddressAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (await sessions.Store.GetOwnerAsync(sessionId, cancellationToken).ConfigureAwait(false) is not { } owner) return null;
        var address = await _redis!.GetDatabase().StringGetAsync(NodeKey(owner)).ConfigureAwait(false);
        return address.IsNullOrEmpty ? null : address.ToString();
    }

    private async Task<Reply?> RequestAsync(string sessionId, string kind, string replyChannel, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await sessions.Store.GetOwnerAsync(sessionId, cancellationToken).ConfigureAwait(false) is not { } owner || owner == Self) return null;
        var subscriber = _redis!.GetSubscriber();
        var channel = RedisChannel.Literal(replyChannel);
        var answered = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
        await subscriber.SubscribeAsync(channel, (_, message) => answered.TrySetResult(JsonSerializer.Deserialize<Reply>(message.ToString(), Json)!))
            .ConfigureAwait(false);
        try
        {
            var command = JsonSerializer.Serialize(new Command(kind, sessionId, replyChannel), Json);
            // Nobody subscribed: the owner is gone (its sessions are marked interrupted within NodeTimeout).
            if (await subscriber.PublishAsync(Commands(owner), command).ConfigureAwait(false) == 0) return null;
            return await answered.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("cluster: node {Node} did not answer {Command} for session {Session} within {Timeout}", owner, kind, sessionId, timeout);
            return null;
        }
        finally
        {
            await subscriber.UnsubscribeAsync(channel).ConfigureAwait(false);
        }
    }

    /// <summary>A command from another node for a session of this one.</summary>
    private async Task HandleAsync(string message)
    {
        try
        {
            var command = JsonSerializer.Deserialize<Command>(message, Json)!;
            var subscriber = _redis!.GetSubscriber();
            var reply = RedisChannel.Literal(command.Reply);
            Task Answer(Reply answer) => subscriber.PublishAsync(reply, JsonSerializer.Serialize(answer, Json));
            switch (command.Kind)
            {
                case "stop":
                    await Answer(new Reply(await sessions.StopAsync(command.SessionId).ConfigureAwait(false) is not null)).ConfigureAwait(false);
                    break;
                case "hold" when sessions.TryGetRunning(command.SessionId, out var running):
                    await running.ExclusiveAsync(async () =>
                    {
                        if (running.Ended)
                        {
                            await Answer(new Reply(false)).ConfigureAwait(false);
                            return true;
                        }
                        // Subscribed before answering, so the release cannot come first and be missed.
                        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        var release = Release(command.Reply);
                        await subscriber.SubscribeAsync(release, (_, _) => released.TrySetResult()).ConfigureAwait(false);
                        try
                        {
                            await Answer(new Reply(true, running.LastPublished)).ConfigureAwait(false);
                            await released.Task.WaitAsync(HoldLimit).ConfigureAwait(false);
                        }
                        catch (TimeoutException)
                        {
                            logger.LogWarning("cluster: a viewer's node held session {Session} for {Limit} without releasing it; released", command.SessionId, HoldLimit);
                        }
                        finally
                        {
                            await subscriber.UnsubscribeAsync(release).ConfigureAwait(false);
                        }
                        return true;
                    }).ConfigureAwait(false);
                    break;
                default:
                    await Answer(new Reply(false)).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "cluster: a command from another node failed: {Command}", message);
        }
    }
}
