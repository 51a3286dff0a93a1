using System.Security.Cryptography;

namespace ChatOpsJit.Testing.Teams;

/// <summary>The bearer tokens the token endpoint handed out and when each lapses on the stand-in's clock.</summary>
/// <remarks>
/// Opaque random strings rather than JWTs: the Connector is the only party that reads them, and a bot that parses its
/// own access token is relying on something Entra does not promise.
/// </remarks>
internal sealed class AccessTokens(TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    public string Issue(TimeSpan lifetime)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        lock (_gate)
        {
            _expiries[token] = time.GetUtcNow() + lifetime;
        }

        return token;
    }

    /// <summary>Whether the token was issued here and has not lapsed.</summary>
    public bool IsValid(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        lock (_gate)
        {
            return _expiries.TryGetValue(token, out var expiry) && time.GetUtcNow() < expiry;
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _expiries.Count;
            }
        }
    }

    public void RevokeAll()
    {
        lock (_gate)
        {
            _expiries.Clear();
        }
    }
}
