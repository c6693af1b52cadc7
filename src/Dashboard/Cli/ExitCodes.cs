namespace EmoStream.Dashboard.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int UserError = 2;
    public const int Cancelled = 130;
}
