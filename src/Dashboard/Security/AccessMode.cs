using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EmoStream.Dashboard.Security;

/// <summary>
/// Whether requests need tokens, decided from the addresses the server actually bound
/// (<see cref="IServerAddressesFeature"/>), whatever configured them (<c>--urls</c>, <c>Urls</c>,
/// <c>Kestrel:Endpoints</c>): all loopback, no tokens; anything else, both tokens. Until the server has bound,
/// tokens are required (fail closed).
/// </summary>
public sealed class AccessMode(IServer server, SecurityOptions tokens)
{
    /// <summary>The author of corrections made with the ingest token.</summary>
    public const string OperatorAuthor = "operator";

    /// <summary>The author of corrections made on a loopback server without a token.</summary>
    public const string LocalAuthor = "local";

    private static readonly TokenGrant Everything = new([AccessPolicies.Ingest, AccessPolicies.Review, AccessPolicies.View], LocalAuthor);

    private readonly byte[]? _ingest = Bytes(tokens.IngestToken);
    private readonly byte[]? _view = Bytes(tokens.ViewToken);
    // Checked at start-up (TokenAuthentication.CheckReviewers): each non-empty and unlike every other token.
    private readonly (string Name, byte[] Token)[] _reviewers = [.. tokens.ReviewTokens.Select(r => (r.Key, Encoding.UTF8.GetBytes(r.Value)))];
    private int _bound; // 0 not known yet, 1 loopback only, 2 beyond loopback

    public SecurityOptions Tokens => tokens;

    /// <summary>The addresses the server listens on; empty before it has started.</summary>
    public IReadOnlyList<string> BoundAddresses => server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    /// <summary>True once the server bound loopback addresses only.</summary>
    public bool IsLoopback
    {
        get
        {
            var known = Volatile.Read(ref _bound);
            if (known != 0) return known == 1;
            var bound = BoundAddresses;
            if (bound.Count == 0) return false;
            var loopback = ListenAddresses.AreLoopback(string.Join(';', bound));
            Volatile.Write(ref _bound, loopback ? 1 : 2);
            return loopback;
        }
    }

    /// <summary>
    /// What a request presenting <paramref name="presented"/> may do, and who it is. On loopback: everything, as the
    /// holder of the token presented where it names one (a reviewer's name, <see cref="OperatorAuthor"/>), else as
    /// <see cref="LocalAuthor"/>. Beyond loopback (or before the server bound): the ingest token everything, a review
    /// token review and view, the view token view; null for anything else, and for every token while the ingest and
    /// view tokens are not both set and different.
    /// </summary>
    public TokenGrant? Grant(string? presented)
    {
        if (IsLoopback) return Everything with { Author = Match(presented)?.Author ?? LocalAuthor };
        if (_ingest is null || _view is null || _ingest.AsSpan().SequenceEqual(_view)) return null;
        return Match(presented);
    }

    private TokenGrant? Match(string? presented)
    {
        if (presented is null) return null;
        var bytes = Encoding.UTF8.GetBytes(presented);
        if (_ingest is not null && CryptographicOperations.FixedTimeEquals(bytes, _ingest)) return Everything with { Author = OperatorAuthor };
        foreach (var (name, token) in _reviewers)
            if (CryptographicOperations.FixedTimeEquals(bytes, token)) return new TokenGrant([AccessPolicies.Review, AccessPolicies.View], name);
        if (_view is not null && CryptographicOperations.FixedTimeEquals(bytes, _view)) return new TokenGrant([AccessPolicies.View], null);
        return null;
    }

    /// <exception cref="HostingConfigurationException">The server bound beyond loopback without both tokens (or with equal ones).</exception>
    public void ThrowIfExposedWithoutTokens()
    {
        if (IsLoopback) return;
        TokenAuthentication.Require(tokens, string.Join(';', BoundAddresses));
    }

    private static byte[]? Bytes(string? token) => string.IsNullOrWhiteSpace(token) ? null : Encoding.UTF8.GetBytes(token);
}

/// <summary>The access levels (<see cref="AccessPolicies"/>) a request holds, and the author its corrections record (null: it may not correct).</summary>
public sealed record TokenGrant(IReadOnlyList<string> Levels, string? Author);
