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
    private readonly byte[]? _ingest = Bytes(tokens.IngestToken);
    private readonly byte[]? _view = Bytes(tokens.ViewToken);
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

    /// <summary>The access levels a presented token grants: ingest (with view), view, or none.</summary>
    public IReadOnlyList<string> Grants(string? presented)
    {
        if (presented is null || _ingest is null || _view is null || _ingest.AsSpan().SequenceEqual(_view)) return [];
        var bytes = Encoding.UTF8.GetBytes(presented);
        if (CryptographicOperations.FixedTimeEquals(bytes, _ingest)) return [AccessPolicies.Ingest, AccessPolicies.View];
        if (CryptographicOperations.FixedTimeEquals(bytes, _view)) return [AccessPolicies.View];
        return [];
    }

    /// <exception cref="HostingConfigurationException">The server bound beyond loopback without both tokens (or with equal ones).</exception>
    public void ThrowIfExposedWithoutTokens()
    {
        if (IsLoopback) return;
        TokenAuthentication.Require(tokens, string.Join(';', BoundAddresses));
    }

    private static byte[]? Bytes(string? token) => string.IsNullOrWhiteSpace(token) ? null : Encoding.UTF8.GetBytes(token);
}
