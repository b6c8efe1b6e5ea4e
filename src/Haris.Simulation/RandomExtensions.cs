namespace Haris.Simulation;

/// <summary>Draws from a seeded <see cref="Random"/>; nothing here reads a clock or an unseeded source.</summary>
internal static class RandomExtensions
{
    public const long MicrosPerSecond = 1_000_000;

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static double Between(this Random rng, double min, double max) => min + (rng.NextDouble() * (max - min));

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="max"/>], both included.</summary>
    public static int Inclusive(this Random rng, int min, int max) => rng.Next(min, max + 1);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public static bool Chance(this Random rng, double p) => rng.NextDouble() < p;

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>Microseconds for a uniform duration in seconds.</summary>
    public static long Seconds(this Random rng, double min, double max) => (long)(rng.Between(min, max) * MicrosPerSecond);

    /// <summary>An exponential waiting time (Poisson arrivals) with the given mean, in microseconds.</summary>
    public static long Exponential(this Random rng, double meanSeconds) =>
        (long)(-Math.Log(1 - rng.NextDouble()) * meanSeconds * MicrosPerSecond);

    /// <summary>A Poisson count with mean <paramref name="lambda"/> (Knuth below 30, a normal approximation above).</summary>
    public static int Poisson(this Random rng, double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        if (lambda < 30)
        {
            var limit = Math.Exp(-lambda);
            var product = rng.NextDouble();
            var count = 0;
            while (product > limit)
            {
                count++;
                product *= rng.NextDouble();
            }

            return count;
        }

        // Box–Muller; one draw per second of simulation at high scale, so the unused twin is not worth keeping.
        var normal = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        return Math.Max(0, (int)Math.Round(lambda + (normal * Math.Sqrt(lambda))));
    }

    /// <summary>Lower-case letters and digits, starting with a letter (a plausible parameter name or token).</summary>
    public static string Token(this Random rng, int minLength, int maxLength, bool hexOnly = false)
    {
        const string Letters = "abcdefghijklmnopqrstuvwxyz";
        const string Alphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";
        const string Hex = "0123456789abcdef";
        var length = rng.Inclusive(minLength, maxLength);
        return string.Create(length, rng, (span, r) =>
        {
            span[0] = hexOnly ? Hex[r.Next(10, 16)] : Letters[r.Next(Letters.Length)];
            for (var i = 1; i < span.Length; i++)
            {
                span[i] = hexOnly ? Hex[r.Next(Hex.Length)] : Alphanumeric[r.Next(Alphanumeric.Length)];
            }
        });
    }
}
