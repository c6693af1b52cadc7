using System.Text.Json.Serialization;
using EmoStream.Inference.Calibration;
using EmoStream.Inference.Features;

namespace EmoStream.Inference.Model;

/// <summary>What a saved model needs to be used and trusted: its shape, classes, featurizers and how it was trained.</summary>
public sealed record ModelMetadata(
    DannArchitecture Architecture,
    IReadOnlyList<string> Classes,
    IReadOnlyList<string> Speakers,
    FeaturizerInfo? AcousticFeaturizer,
    FeaturizerInfo? LexicalFeaturizer,
    TrainingSummary Training,
    CalibrationSummary? Calibration = null)
{
    /// <summary>The divisors of the emotion logits: the fitted temperatures, or 1 for an uncalibrated model.</summary>
    [JsonIgnore]
    public Temperatures Temperatures => Calibration?.Temperatures ?? Temperatures.None;

    /// <summary>
    /// Refuses features made by another featurizer (or settings, or dimension) than the model was trained on. A modality
    /// left unchecked is one the caller scores without (every utterance lacks it).
    /// </summary>
    public void EnsureCompatible(FeaturizerInfo? acoustic, FeaturizerInfo? lexical, string source, bool checkAcoustic = true, bool checkLexical = true)
    {
        if (checkAcoustic) Check(Modality.Acoustic, AcousticFeaturizer, acoustic, source);
        if (checkLexical) Check(Modality.Lexical, LexicalFeaturizer, lexical, source);
    }

    private static void Check(Modality modality, FeaturizerInfo? expected, FeaturizerInfo? actual, string source)
    {
        if (expected is null) return;
        var kind = modality.ToString().ToLowerInvariant();
        if (actual is null)
            throw new ModelMismatchException($"the model expects {kind} features from {expected} but {source} has none");
        if (!expected.SameAs(actual))
            throw new ModelMismatchException($"the model expects {kind} features from {expected} but {source} has {actual}");
    }
}

/// <summary>How a model was trained, recorded in the model file.</summary>
public sealed record TrainingSummary(
    DateTimeOffset CreatedUtc,
    string Corpus,
    IReadOnlyList<string> Labeled,
    IReadOnlyList<string> Unlabeled,
    IReadOnlyList<string> Test,
    int Epochs,
    double Lambda,
    int Seed,
    int TrainDialogues,
    int TrainUtterances,
    double? TestWa,
    double? TestUa,
    double? TestMacroF1);
