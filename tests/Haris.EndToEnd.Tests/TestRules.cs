namespace Haris.EndToEnd.Tests;

/// <summary>Small Sigma rules the end-to-end tests write next to their logs.</summary>
internal static class TestRules
{
    public const string AdminProbeId = "3f1d2c4b-5a69-4e7f-8a1b-9c0d1e2f3a4b";

    public const string AdminProbe = """
        title: E2E Admin Probe
        id: 3f1d2c4b-5a69-4e7f-8a1b-9c0d1e2f3a4b
        name: e2e_admin_probe
        status: test
        description: Requests for the hidden admin area.
        author: E2E Tester
        date: 2026-06-14
        tags:
            - attack.initial-access
            - attack.t1190
        logsource:
            category: webserver
        detection:
            selection:
                cs-uri-stem|startswith: '/secret-admin'
            condition: selection
        falsepositives:
            - None
        level: high
        """;

    // The condition names an identifier that does not exist: a load error with file and line.
    public const string Broken = """
        title: E2E Broken Rule
        id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
        author: E2E Tester
        logsource:
            category: webserver
        detection:
            selection:
                cs-uri-stem|startswith: '/x'
            condition: selction
        level: low
        """;
}
