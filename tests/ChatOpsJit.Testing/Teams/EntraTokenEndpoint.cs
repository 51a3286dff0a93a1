using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsJit.Testing.Teams;

/// <summary>POST /{tenant}/oauth2/v2.0/token: the client-credentials grant the bot uses for its Connector token, checked as Entra does.</summary>
internal sealed class EntraTokenEndpoint(string appId, string appPassword, string tenantId, AccessTokens tokens, TimeProvider time)
{
    public const string ConnectorScope = "https://api.botframework.com/.default";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Entra's order: the tenant in the path, then the form's fields, then the client and its secret, then what the scope
    /// names. A wrong secret is 401 invalid_client; everything else a caller got wrong is a 400.
    /// </summary>
    public HttpAnswer Answer(string tenant, IFormCollection? form)
    {
        var now = time.GetUtcNow();
        if (!string.Equals(tenant, tenantId, StringComparison.OrdinalIgnoreCase))
        {
            // What a single-tenant app gets when it asks the legacy botframework.com tenant, or any other one.
            return EntraErrors.Error(400, "unauthorized_client", 700016,
                $"Application with identifier '{Field(form, "client_id")}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.", now);
        }

        if (form is null)
        {
            return EntraErrors.Missing("grant_type", now);
        }

        var grantType = Field(form, "grant_type");
        if (string.IsNullOrEmpty(grantType))
        {
            return EntraErrors.Missing("grant_type", now);
        }

        if (grantType != "client_credentials")
        {
            return EntraErrors.Error(400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grantType}'.", now);
        }

        var clientId = Field(form, "client_id");
        if (string.IsNullOrEmpty(clientId))
        {
            return EntraErrors.Missing("client_id", now);
        }

        var scope = Field(form, "scope");
        if (string.IsNullOrEmpty(scope))
        {
            return EntraErrors.Missing("scope", now);
        }

        if (!string.Equals(clientId, appId, StringComparison.OrdinalIgnoreCase))
        {
            return EntraErrors.Error(400, "unauthorized_client", 700016,
                $"Application with identifier '{clientId}' was not found in the directory '{tenant}'.", now);
        }

        var secret = Field(form, "client_secret");
        if (string.IsNullOrEmpty(secret))
        {
            return EntraErrors.Error(401, "invalid_client", 7000216,
                "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.", now);
        }

        if (secret != appPassword)
        {
            return EntraErrors.Error(401, "invalid_client", 7000215,
                $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{appId}'.", now);
        }

        if (!scope.EndsWith("/.default", StringComparison.Ordinal))
        {
            return EntraErrors.Error(400, "invalid_scope", 1002012,
                $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).", now);
        }

        if (scope != ConnectorScope)
        {
            return EntraErrors.Error(400, "invalid_resource", 500011,
                $"The resource principal named {scope[..^"/.default".Length]} was not found in the tenant named {tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.", now);
        }

        var lifetime = Lifetime;
        var seconds = (long)lifetime.TotalSeconds;
        return HttpAnswer.Ok(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = tokens.Issue(lifetime),
        });
    }

    private static string? Field(IFormCollection? form, string name) =>
        form is not null && form.TryGetValue(name, out var values) ? values.ToString() : null;
}
