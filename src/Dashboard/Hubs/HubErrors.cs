using Microsoft.AspNetCore.SignalR;

namespace EmoStream.Dashboard.Hubs;

/// <summary>
/// How hub call errors are logged. A <see cref="HubException"/> is the client's mistake (an unknown session, a
/// negative index): the client gets the message; the log gets one line at Information, without a stack trace.
/// Anything else is the server's fault and is logged as an error with its stack trace. (SignalR's own dispatcher
/// would log both as errors; its category is silenced in <c>WebHost</c>.)
/// </summary>
public sealed class HubErrors(ILogger<HubErrors> logger) : IHubFilter
{
    /// <summary>The category SignalR logs failed invocations under.</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext).ConfigureAwait(false);
        }
        catch (HubException e)
        {
            logger.LogInformation("hub call {Method} refused: {Reason}", invocationContext.HubMethodName, e.Message);
            throw;
        }
        catch (OperationCanceledException) when (invocationContext.Context.ConnectionAborted.IsCancellationRequested)
        {
            throw; // the client went away
        }
        catch (Exception e)
        {
            logger.LogError(e, "hub call {Method} failed", invocationContext.HubMethodName);
            throw;
        }
    }
}
