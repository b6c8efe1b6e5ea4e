using Haris.Operations.Crowd;

namespace Haris.Simulation.Ingress;

/// <summary>
/// Draws a fixed number of arrival times along an <see cref="ArrivalCurve"/>, one at a time and already in order, in
/// memory that does not depend on the number drawn.
/// </summary>
/// <remarks>
/// The curve is read once, second by second over the window, into a cumulative table (a three-hour window is 10,800
/// numbers). The times are the inverse of that distribution at uniform order statistics drawn in ascending order: the
/// next of <c>k</c> uniforms still to come above <c>u</c> is <c>1 − (1 − u) · V^(1/k)</c> for a uniform <c>V</c>
/// (the minimum of <c>k</c> uniforms on <c>(u, 1)</c>), so no list of times is ever sorted or held.
/// </remarks>
internal sealed class SortedArrivals
{
    private readonly double[] _cumulative;
    private readonly long _fromMillis;
    private readonly Random _rng;
    private int _remaining;
    private double _u;

    /// <param name="curve">The shape of the arrivals; only its proportions matter.</param>
    /// <param name="from">The window's start, a whole second.</param>
    /// <param name="to">The window's end; nothing is drawn after it.</param>
    /// <param name="origin">The instant times are counted from, in milliseconds.</param>
    /// <param name="count">How many times to draw.</param>
    /// <param name="rng">The seeded stream to draw from.</param>
    /// <exception cref="ArgumentException">The curve expects nobody in the window but <paramref name="count"/> is not zero.</exception>
    public SortedArrivals(ArrivalCurve curve, DateTimeOffset from, DateTimeOffset to, DateTimeOffset origin, int count, Random rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var seconds = (int)Math.Ceiling((to - from).TotalSeconds);
        _cumulative = new double[Math.Max(0, seconds) + 1];
        for (var i = 0; i < seconds; i++)
        {
            var start = from.AddSeconds(i);
            _cumulative[i + 1] = _cumulative[i] + Math.Max(0, curve.Between(start, start.AddSeconds(1)));
        }

        if (count > 0 && !(_cumulative[^1] > 0))
        {
            throw new ArgumentException($"the arrival curve expects nobody from {from:O} to {to:O}", nameof(curve));
        }

        _fromMillis = (long)(from - origin).TotalMilliseconds;
        _rng = rng;
        _remaining = count;
    }

    /// <summary>How many times are still to be drawn.</summary>
    public int Remaining => _remaining;

    /// <summary>The next time in milliseconds since the origin, never earlier than the one before; false once all are drawn.</summary>
    public bool TryNext(out long millis)
    {
        if (_remaining == 0)
        {
            millis = 0;
            return false;
        }

        // 1 − NextDouble() is in (0, 1], so the power is defined and u never passes 1.
        _u = 1 - ((1 - _u) * Math.Pow(1 - _rng.NextDouble(), 1.0 / _remaining));
        _remaining--;
        var target = _u * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        var second = index >= 0 ? index : ~index - 1;

        // Step past seconds in which the curve expects nobody, so a time never falls in one.
        while (second < _cumulative.Length - 2 && _cumulative[second + 1] <= target)
        {
            second++;
        }

        second = Math.Clamp(second, 0, _cumulative.Length - 2);
        var width = _cumulative[second + 1] - _cumulative[second];
        var fraction = width > 0 ? Math.Clamp((target - _cumulative[second]) / width, 0, 0.999) : 0;
        millis = _fromMillis + (second * 1000L) + (long)(fraction * 1000);
        return true;
    }
}
