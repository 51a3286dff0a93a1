using System.Collections.Concurrent;

namespace ChatOpsJit.Core.Chat;

/// <summary>
/// What a chat platform answered about people (an id's email, an email's account), each answer kept for a while, so a
/// person who acts often costs one lookup per while. A "nobody" answer is kept too.
/// </summary>
public sealed class RememberedAnswers<T>(TimeProvider time, TimeSpan keepFor, StringComparer keys)
{
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset Until)> _answers = new(keys);

    public bool TryGet(string key, out T value)
    {
        if (_answers.TryGetValue(key, out var known) && time.GetUtcNow() < known.Until)
        {
            value = known.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Remember(string key, T value) => _answers[key] = (value, time.GetUtcNow() + keepFor);
}
