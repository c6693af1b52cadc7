namespace EmoStream.Dashboard.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int UserError = 2;

    /// <summary>The work was done except for some items, each reported (for instance unreadable audio files).</summary>
    public const int PartialFailure = 3;

    /// <summary><c>adapt</c> wrote its model but does not recommend it (worse, or too few held-out corrections to tell).</summary>
    public const int NotRecommended = 4;
    public const int Cancelled = 130;
}
