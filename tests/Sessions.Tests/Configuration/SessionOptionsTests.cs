using EmoStream.Sessions.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmoStream.Sessions.Tests.Configuration;

/// <summary>Every setting sessions run on is checked once, when they start, and a refusal names the key, the value and what is accepted.</summary>
public sealed class SessionOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-options-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("Pipeline:TranscriptionLookahead", "0", "Pipeline:TranscriptionLookahead is 0; expected at least 1")]
    [InlineData("Scoring:Window", "0", "Scoring:Window is 0; expected at least 1")]
    [InlineData("Capture:Segmentation:Threshold", "2", "Capture:Segmentation:Threshold is 2; expected a probability between 0 and 1")]
    [InlineData("Capture:Replay:FrameMs", "0", "Capture:Replay:FrameMs is 0; expected more than 0")]
    [InlineData("Transcription:MaxConcurrentDecoders", "0", "Transcription:MaxConcurrentDecoders is 0, expected 1 or more")]
    [InlineData("Dashboard:Alerts:ConsecutiveUtterances", "0", "Dashboard:Alerts:ConsecutiveUtterances is 0; expected 1 or more")]
    [InlineData("Models:Directory", " ", "Models:Directory is empty; expected a folder of model files")]
    [InlineData("Storage:Provider", "PostgreSql", "Storage:ConnectionString is empty; Storage:Provider PostgreSql needs one (Host=…;Port=…;Username=…;Database=…)")]
    public async Task An_impossible_setting_stops_the_sessions_before_they_start_naming_it(string key, string value, string message)
    {
        var configuration = PipelineConfiguration.Create(Path.Combine(_dir, "data"), "none", (key, value));
        var model = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "models", "default.emsm");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            SessionRegistry.CreateAsync(configuration, model, NullLoggerFactory.Instance));

        Assert.Equal(message, Assert.Single(error.Failures));
        Assert.False(Directory.Exists(Path.Combine(_dir, "data")), "nothing is opened before the settings are checked");
    }
}
