namespace Haris.Operations.Crowd;

/// <summary>
/// Remembers, per rule and subject, whether a condition is in an episode, so an alert is raised when the condition
/// begins and again only after it has cleared; and numbers each episode by a time bucket for the alert id.
/// </summary>
/// <remarks>
/// The bucket is the episode's start time floored to <see cref="CrowdAlertEvaluator.IdBucket"/>, so an evaluator restarted
/// within the same bucket derives the same id and the alert store keeps one alert. A second episode that would fall in the
/// bucket of the one before takes the next bucket number instead, so distinct episodes never share an id.
/// </remarks>
internal sealed class AlertEpisodes
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string RuleId, string Subject), Episode> _episodes = [];

    /// <summary>Updates the episode of <paramref name="ruleId"/> on <paramref name="subject"/>.</summary>
    /// <returns>True when <paramref name="active"/> starts a new episode; <paramref name="bucket"/> then numbers it.</returns>
    public bool Begin(string ruleId, string subject, bool active, DateTimeOffset now, TimeSpan bucketLength, out long bucket)
    {
        var key = (ruleId, subject);
        lock (_lock)
        {
            var known = _episodes.TryGetValue(key, out var episode);
            if (!active)
            {
                if (known && episode.Active)
                {
                    _episodes[key] = episode with { Active = false };
                }

                bucket = 0;
                return false;
            }

            if (known && episode.Active)
            {
                bucket = episode.Bucket;
                return false;
            }

            bucket = (long)Math.Floor((now - DateTimeOffset.UnixEpoch) / bucketLength);
            if (known && bucket <= episode.Bucket)
            {
                bucket = episode.Bucket + 1;
            }

            _episodes[key] = new Episode(true, bucket);
            return true;
        }
    }

    private readonly record struct Episode(bool Active, long Bucket);
}
