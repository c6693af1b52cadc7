using EmoStream.Sessions.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace EmoStream.Dashboard.Api;

/// <summary>
/// A request that storage refused for lack of room (a full disk) is answered 503 with the reason, as an upload that
/// cannot be stored is, instead of the generic 500: the client did nothing wrong and may try again once room is made.
/// The answer names the store, never its path; the server's log names the path.
/// </summary>
internal sealed class StorageFullProblem(IProblemDetailsService problems, ILogger<StorageFullProblem> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StorageFullException full) return false;
        logger.LogWarning("{Method} {Path}: could not store {What}: {Reason} ({Location})",
            context.Request.Method, context.Request.Path.Value, full.What, full.Message, full.Location);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service Unavailable",
                Detail = $"the server could not store {full.What} ({full.Message}); try again later",
            },
        });
    }
}
