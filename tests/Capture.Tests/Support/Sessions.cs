using EmoStream.Capture.Pipeline;
using EmoStream.Capture.Segmentation;

namespace EmoStream.Capture.Tests.Support;

public static class Sessions
{
    /// <summary>Reads every utterance a session produces, then how it ended.</summary>
    public static async Task<(List<Utterance> Utterances, StreamEnd End)> DrainAsync(CaptureSession session)
    {
        var utterances = new List<Utterance>();
        await foreach (var u in session.Utterances.ReadAllAsync()) utterances.Add(u);
        return (utterances, await session.Completion);
    }
}
