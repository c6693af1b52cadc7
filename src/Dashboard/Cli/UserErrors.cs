using EmoStream.Capture;
using EmoStream.Capture.Audio;
using EmoStream.Dashboard.Pipeline;
using EmoStream.Dashboard.Security;
using EmoStream.Dashboard.Storage;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features.Acoustic;
using EmoStream.Transcribe;
using EmoStream.Transcribe.PocketSphinx;
using EmoStream.Transcribe.Whisper.Models;
using EmoStream.Inference.Model;
using EmoStream.Inference.Corpora.Importers;
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
        or PocketSphinxException
        or WhisperModelException
        or PipelineConfigurationException
        or CorpusCombinationException
        or HostingConfigurationException
        or CliUsageException;
}

/// <summary>A combination of options that parses but makes no sense (for instance a test group that is also labeled).</summary>
public sealed class CliUsageException(string message) : Exception(message);
