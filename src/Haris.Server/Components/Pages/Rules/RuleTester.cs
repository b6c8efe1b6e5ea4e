using System.Text;
using Haris.Core.Events;
using Haris.Detection;
using Haris.Detection.Sigma;
using Haris.Ingest.Parsing;

namespace Haris.Server.Components.Pages.Rules;

/// <summary>
/// Runs pasted log lines through the detection engine in-process — the live rules, or one pasted Sigma rule — and says
/// which rules each line matches, for trying a rule before it goes live.
/// </summary>
/// <remarks>
/// Single-event rules only: a correlation needs a stream and a window, which a handful of pasted lines is not. Nothing
/// is stored and no alert is raised.
/// </remarks>
internal static class RuleTester
{
    /// <summary>The most lines tried at once.</summary>
    public const int MaxLines = 500;

    /// <summary>The longest pasted rule.</summary>
    public const int MaxRuleChars = 64 * 1024;

    /// <summary>The verdict on one line: its number, whether it parsed, and the titles of the rules it matched.</summary>
    public sealed record LineResult(int Line, string Text, bool Parsed, IReadOnlyList<string> Matches);

    /// <summary>What a test found, or why it could not run.</summary>
    public sealed record Outcome(string? Problem, LogFormat Format, IReadOnlyList<LineResult> Lines);

    /// <summary>Tries <paramref name="lines"/> against <paramref name="ruleYaml"/>, or against <paramref name="live"/> when no rule is pasted.</summary>
    public static Outcome Run(Detector live, string? ruleYaml, string? lines, LogFormat format)
    {
        var detector = live;
        if (!string.IsNullOrWhiteSpace(ruleYaml))
        {
            if (ruleYaml.Length > MaxRuleChars)
            {
                return new($"the rule is longer than {MaxRuleChars} characters", format, []);
            }

            var loaded = SigmaRuleLoader.LoadText(ruleYaml, "pasted.yml");
            if (loaded.Errors.Count > 0)
            {
                return new(string.Join("; ", loaded.Errors.Take(3).Select(e => e.ToString())), format, []);
            }

            if (loaded.Rules.Count == 0)
            {
                return new("no single-event rule in the pasted text", format, []);
            }

            detector = new Detector(loaded.Rules);
        }

        var texts = (lines ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Take(MaxLines).ToList();
        var bytes = texts.Select(Encoding.UTF8.GetBytes).ToList();
        if (format == LogFormat.Auto)
        {
            format = FormatSniffer.Sniff(bytes);
            if (format == LogFormat.Auto)
            {
                return new("the format of the lines was not recognised; choose one", format, []);
            }
        }

        var parser = LogParsers.Create(format);
        var evt = new LogEvent();
        var matches = new List<SigmaRule>();
        var results = new List<LineResult>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            evt.Reset();
            evt.SourceName = "pasted";
            evt.LineNumber = i + 1;
            if (!parser.TryParse(bytes[i], evt, out _))
            {
                results.Add(new(i + 1, texts[i], false, []));
                continue;
            }

            matches.Clear();
            detector.Evaluate(evt, matches);
            results.Add(new(i + 1, texts[i], true, [.. matches.Select(m => m.Title)]));
        }

        return new(null, format, results);
    }
}
