using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ChatOpsJit.Testing.Aws;

/// <summary>The access keys the stand-in knows: the bot's, made up per instance, and each one AssumeRole handed out.</summary>
internal sealed class KeyRing
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private readonly ConcurrentDictionary<string, AwsPrincipal> _keys = new(StringComparer.Ordinal);

    public KeyRing(AwsStandInOptions options)
    {
        Bot = new AwsPrincipal(
            "AKIA" + Random(Upper, 16),
            Secret(),
            null,
            options.BotAccountId,
            $"arn:aws:iam::{options.BotAccountId}:user/{options.BotUserName}",
            "AIDA" + Random(Upper, 17),
            null,
            null);
        _keys[Bot.AccessKeyId] = Bot;
    }

    public AwsPrincipal Bot { get; }

    public AwsPrincipal? Find(string accessKeyId) => _keys.GetValueOrDefault(accessKeyId);

    public void Add(AwsPrincipal principal) => _keys[principal.AccessKeyId] = principal;

    public static string TemporaryKeyId() => "ASIA" + Random(Upper, 16);

    public static string RoleId() => "AROA" + Random(Upper, 17);

    /// <summary>40 characters like a real secret key; random per call, so no secret is ever written in the repository.</summary>
    public static string Secret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));

    public static string SessionToken() => "IQoJb3JpZ2luX2Vj" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(180));

    private static string Random(string alphabet, int length) => RandomNumberGenerator.GetString(alphabet, length);
}
