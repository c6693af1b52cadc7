namespace EmoStream.Dashboard.Bench;

/// <summary>One result as a viewer received it.</summary>
/// <param name="End">End of the utterance's speech, in seconds into the recording.</param>
/// <param name="Latency">Seconds from that end (on the recording's clock) to the viewer receiving the result.</param>
internal sealed record ReceivedResult(double End, double Latency);
