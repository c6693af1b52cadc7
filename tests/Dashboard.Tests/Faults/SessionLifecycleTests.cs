using System.Net.WebSockets;
using EmoStream.Sessions.Storage;
using EmoStream.Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EmoStream.Dashboard.Tests.Faults;

/// <summary>A session whose end storage could not record does not stay <c>running</c>: viewers get the real end, the record follows when storage returns.</summary>
public sealed class SessionLifecycleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static async Task ExecuteAsync(DashboardServer server, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={((SqliteSessionStore)server.Store).DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_session_that_fails_while_storage_fails_is_recorded_failed_with_its_reason_when_storage_returns()
    {
        await using var server = await DashboardServer.StartAsync();
        var id = await server.CreateLiveSessionAsync(new { format = "pcm16", sampleRate = 16000 });
        await using var viewer = server.Viewer();
        var log = await ViewerLog.JoinAsync(viewer, id);
        // Storage refuses every change to the sessions table from now on (as a full or read-only disk would).
        await ExecuteAsync(server, "CREATE TRIGGER storage_down BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;");

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.Ingest(id), CancellationToken.None);
        await socket.SendAsync(new byte[3], WebSocketMessageType.Binary, true, CancellationToken.None);

        var ended = await log.Ended.WaitAsync(Timeout);
        Assert.Equal(SessionStatus.Failed, ended.Status);
        Assert.Contains("3 bytes is not a whole number", ended.Detail);
        Assert.Equal(SessionStatus.Running, (await server.Store.GetSessionAsync(id))!.Status); // not recorded yet

        await ExecuteAsync(server, "DROP TRIGGER storage_down;");
        var recorded = await server.EndedAsync(id, Timeout);
        Assert.Equal(SessionStatus.Failed, recorded.Status);
        Assert.Contains("3 bytes is not a whole number", recorded.Detail);
        Assert.NotNull(recorded.EndedUtc);
    }
}
