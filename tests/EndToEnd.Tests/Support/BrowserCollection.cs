namespace EmoStream.EndToEnd.Tests.Support;

/// <summary>The browser tests share one Chromium and server, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
