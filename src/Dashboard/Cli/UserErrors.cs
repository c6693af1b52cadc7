using Microsoft.AspNetCore.Connections;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using EmoStream.Capture;
using EmoStream.Capture.Audio;
using EmoStream.Dashboard.Security;
using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions.Storage;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features.Acoustic;
using EmoStream.Transcribe;
using EmoStream.Transcribe.PocketSphinx;
using EmoStream.Transcribe.Whisper.Models;
using EmoStream.Inference.Model;
using EmoStream.Inference.Corpora.Importers;
using EmoStream.Inference.Experiments;
using EmoStream.Inference.Features.Lexical;
using EmoStream.Inference.Training;

namespace EmoStream.Dashboard.Cli;

/// <summary>
/// Exceptions that describe a user's input (a malformed file, a missing path, a mismatched model): the CLI
/// prints their message alone, without a stack trace. Anything else is a bug and keeps its trace.
/// Each project owns its error types; this is the one place that knows them all.
/// </summary>
public static class UserErrors
{
    public static bool IsUserError(Exception e) => e is CorpusFormatException
        or CorpusManifestException
        or CorpusImportException
        or WordVectorsException
        or LexicalFeaturizerException
        or AudioFormatException
        or AudioToolException
        or CaptureConfigurationException
        or InvalidDataException
        or FileNotFoundException
        or DirectoryNotFoundException
        or UnauthorizedAccessException
        or ModelMismatchException
        or AcousticFeatureSetException
        or StorageException
        or TranscriptionConfigurationException
        or TranscriptFormatException
        or PocketSphinxException
        or WhisperModelException
        or PipelineConfigurationException
        or CorpusCombinationException
        or HostingConfigurationException
        or Table2CheckpointException
        or CliUsageException
        or OptionsValidationException
        // Kestrel's "Failed to bind to address ...: address already in use": another server holds the port.
        || e is IOException { InnerException: AddressInUseException }
        || IsConfigurationValueError(e);

    /// <summary>The message the CLI prints: the exception's own, and for a bad configuration value also what is accepted.</summary>
    public static string Describe(Exception e)
    {
        if (e is IOException { InnerException: AddressInUseException })
            return $"{e.Message} Another process (another EmoStream?) listens there: stop it, or give another address with --urls.";
        if (!IsConfigurationValueError(e)) return e.Message;
        var message = $"configuration (appsettings.json or EMOSTREAM_ environment variables): {e.Message} {e.InnerException!.Message}";
        var typeName = ConfigurationTypePattern.Match(e.Message).Groups[1].Value;
        var type = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(t => t is not null);
        return type is { IsEnum: true } ? $"{message} Expected one of: {string.Join(", ", Enum.GetNames(type))}." : message;
    }

    // Microsoft.Extensions.Configuration's binder wraps a value it cannot convert in this message.
    private static bool IsConfigurationValueError(Exception e) =>
        e is InvalidOperationException { InnerException: FormatException } && e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal);

    private static readonly Regex ConfigurationTypePattern = new("to type '([^']+)'", RegexOptions.CultureInvariant);
}

/// <summary>A combination of options that parses but makes no sense (for instance a test group that is also labeled).</summary>
public sealed class CliUsageException(string message) : Exception(message);
