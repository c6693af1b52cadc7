namespace EmoStream.Sessions.Pipeline;

/// <summary>The <c>Pipeline</c> section of appsettings.json: queue bounds of each session's pipeline.</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>
    /// Utterances of one session waiting for the model with their transcription and acoustic analysis under way
    /// (plus the one being scored and the one about to queue). Bounds the session's share of the transcriber's shared
    /// decoder pool; when full, the session stops taking utterances from capture.
    /// </summary>
    public int TranscriptionLookahead { get; set; } = 2;

    /// <summary>Stored results waiting for the session's consumer (a broadcaster, the replay verb) before the pipeline waits.</summary>
    public int ResultQueue { get; set; } = 64;

    public void Validate()
    {
        if (TranscriptionLookahead < 1) throw new PipelineConfigurationException($"{SectionName}:TranscriptionLookahead is {TranscriptionLookahead}; expected at least 1");
        if (ResultQueue < 1) throw new PipelineConfigurationException($"{SectionName}:ResultQueue is {ResultQueue}; expected at least 1");
    }
}
