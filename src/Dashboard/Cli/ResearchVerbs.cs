using System.CommandLine;
using EmoStream.Dashboard.Cli.Commands;
using EmoStream.Inference.Adaptation;
using EmoStream.Inference.Training;

namespace EmoStream.Dashboard.Cli;

/// <summary>
/// The research verbs (train, evaluate, calibrate, import, featurize, experiment, assemble, evaluate-conversations, adapt): the only code of the executable that
/// touches the research assembly, built only when one of them or the full help is asked for, so that <c>serve</c>,
/// <c>replay</c> and <c>models</c> never load it.
/// </summary>
internal static class ResearchVerbs
{
    public static void AddTo(RootCommand root, CliContext context)
    {
        context.Bind<TrainingOptions>(TrainingOptions.Section);
        context.Bind<AdaptationOptions>(AdaptationOptions.Section);
        root.Subcommands.Add(TrainCommand.Create(context));
        root.Subcommands.Add(EvaluateCommand.Create(context));
        root.Subcommands.Add(CalibrateCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(FeaturizeCommand.Create(context));
        root.Subcommands.Add(ExperimentCommand.Create(context));
        root.Subcommands.Add(AssembleCommand.Create(context));
        root.Subcommands.Add(EvaluateConversationsCommand.Create(context));
        root.Subcommands.Add(AdaptCommand.Create(context));
    }
}
