namespace EmoStream.Dashboard.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int UserError = 2;

    /// <summary>The work was done except for some items, each reported (for instance unreadable audio files).</summary>
    public const int PartialFailure = 3;
    public const int Cancelled = 130;
}
