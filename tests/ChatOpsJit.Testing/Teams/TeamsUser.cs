namespace ChatOpsJit.Testing.Teams;

/// <summary>A member of the stand-in's tenant, as Teams knows them: the bot-scoped 29: id, the Entra object id and the UPN.</summary>
/// <param name="Id">"29:…", random per stand-in: Teams user ids are per bot, so none is worth writing down.</param>
/// <param name="AadObjectId">The Entra object id (a GUID).</param>
/// <param name="Email">Also the user principal name.</param>
public sealed record TeamsUser(string Id, string AadObjectId, string Email, string Name)
{
    public string UserPrincipalName => Email;

    /// <summary>The name up to its first space, as Entra's givenName.</summary>
    public string GivenName => Name.Split(' ', 2)[0];

    /// <summary>The rest of the name after the first space (empty for a one-word name), as Entra's surname.</summary>
    public string Surname => Name.Split(' ', 2) is [_, var rest] ? rest : "";
}
