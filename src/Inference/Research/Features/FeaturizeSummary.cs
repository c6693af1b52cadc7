namespace EmoStream.Inference.Features;

/// <summary>What one featurize pass did for one modality.</summary>
public sealed record FeaturizeSummary(Modality Modality, string FeaturizerId, int Done, int Skipped, int Missing,
    IReadOnlyList<FeaturizeFailure> Failures, TimeSpan Elapsed);

/// <summary>An utterance that could not be featurized, and why; it is not stored, so the next pass retries it.</summary>
public sealed record FeaturizeFailure(string UtteranceId, string Reason);

/// <summary>Progress of one modality: utterances handled so far (done, skipped, missing or failed) out of the total.</summary>
public sealed record FeaturizeProgress(Modality Modality, int Handled, int Total);
