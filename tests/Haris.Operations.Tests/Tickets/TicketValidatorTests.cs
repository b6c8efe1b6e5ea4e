using Haris.Operations.Tickets;

namespace Haris.Operations.Tests.Tickets;

public sealed class TicketValidatorTests : IDisposable
{
    private readonly TicketTestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Validate_GenuineTicketAtItsGate_IsAdmitted()
    {
        var ticket = _data.Issue();

        var verdict = _data.Scan(ticket.Token!);

        Assert.Equal(new ScanVerdict(ScanDecision.Admit, ScanReason.Entered, TicketId: ticket.TicketId), verdict);
        Assert.Equal(("admit", "entered"), (verdict.DecisionName, verdict.ReasonName));
        Assert.True(_data.Presence.IsInside(ticket.TicketId));
    }

    [Fact]
    public void Validate_SecondEntry_IsDuplicate()
    {
        var token = _data.Issue().Token!;
        _data.Scan(token);

        var verdict = _data.Scan(token, TicketTestData.NeighbourGate);

        Assert.Equal((ScanDecision.Reject, ScanReason.Duplicate, "duplicate"), (verdict.Decision, verdict.Reason, verdict.ReasonName));
    }

    [Fact]
    public void Validate_ReencodedSignatureOfAdmittedTicket_IsStillDuplicate()
    {
        // ECDSA signatures are malleable ((r, s) and (r, n - s) both verify) and base64url has spare bits: a token is
        // known by its ticket id, never by its text, so a second spelling of the same ticket is still a duplicate.
        var token = _data.Issue().Token!;
        _data.Scan(token);
        var other = _data.Issuer.Issue("7K3M9QX2ZC4D", TicketTestData.Match, TicketTestData.Zone, TicketTestData.Gate, TicketTestData.Seat, TicketTestData.GatesOpen, TicketTestData.GatesClose).Token!;
        Assert.NotEqual(token, other);

        Assert.Equal(ScanReason.Duplicate, _data.Scan(other).Reason);
    }

    [Theory]
    // Gibberish from a phone screen.
    [InlineData("hello.world")]
    // A JWT-shaped string.
    [InlineData("eyJhbGciOiJFUzI1NiJ9.eyJ0aWQiOiIxIn0.c2ln")]
    // Empty read.
    [InlineData("")]
    // A payload of 4n + 1 characters, which no bytes encode to: the decoder throws on it rather than refusing it.
    [InlineData("AQJrMQAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Validate_Malformed_IsCounterfeit(string token)
    {
        var verdict = _data.Scan(token);

        Assert.Equal((ScanDecision.Reject, ScanReason.Counterfeit, TokenError.Malformed), (verdict.Decision, verdict.Reason, verdict.TokenError));
        Assert.Equal("counterfeit", verdict.ReasonName);
    }

    [Fact]
    public void Validate_TamperedSeatByte_IsCounterfeit()
    {
        var ticket = _data.Issue();
        var tampered = Tamper(ticket.Token!, "112-14-7", "112-14-8");

        var verdict = _data.Scan(tampered);

        Assert.Equal((ScanReason.Counterfeit, TokenError.BadSignature), (verdict.Reason, verdict.TokenError));
        Assert.False(_data.Presence.IsInside(ticket.TicketId));
    }

    [Fact]
    public void Validate_UnknownKeyId_IsCounterfeit()
    {
        using var other = TicketKeyRing.Generate("k7");
        var token = new TicketIssuer(other).Issue("X1", TicketTestData.Match, TicketTestData.Zone, TicketTestData.Gate, "", TicketTestData.GatesOpen, TicketTestData.GatesClose).Token!;

        Assert.Equal((ScanReason.Counterfeit, TokenError.UnknownKey), (_data.Scan(token).Reason, _data.Scan(token).TokenError));
    }

    [Fact]
    public void Validate_GateScanningAnotherMatch_IsWrongMatch()
    {
        var token = _data.Issue(match: TicketTestData.OtherMatch).Token!;

        var verdict = _data.Scan(token);

        Assert.Equal((ScanDecision.Reject, ScanReason.WrongMatch, "wrong_match"), (verdict.Decision, verdict.Reason, verdict.ReasonName));
        Assert.Null(verdict.RedirectGate);
    }

    [Fact]
    public void Validate_GateNotOpenForAnyMatch_IsWrongMatch()
    {
        var token = _data.Issue().Token!;
        _data.Gates.Close(TicketTestData.Gate);

        Assert.Equal(ScanReason.WrongMatch, _data.Scan(token).Reason);
        Assert.Equal(ScanReason.WrongMatch, _data.Scan(token, "Z9").Reason);
    }

    [Fact]
    public void Validate_ValidityWindow_AdmitsFromFirstToLastSecondOnly()
    {
        using var data = new TicketTestData(now: TicketTestData.GatesOpen.AddSeconds(-1));
        var token = data.Issue().Token!;

        Assert.Equal((ScanReason.OutsideValidity, "outside_validity"), (data.Scan(token).Reason, data.Scan(token).ReasonName));

        data.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ScanReason.Entered, data.Scan(token).Reason);
        Assert.Equal(ScanReason.Exited, data.Scan(token, direction: ScanDirection.Out).Reason);

        // The last second still admits, to its very end.
        data.Time.SetUtcNow(TicketTestData.GatesClose.AddMilliseconds(999));
        Assert.Equal(ScanReason.Entered, data.Scan(token).Reason);
        Assert.Equal(ScanReason.Exited, data.Scan(token, direction: ScanDirection.Out).Reason);

        data.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(ScanReason.OutsideValidity, data.Scan(token).Reason);
    }

    [Fact]
    public void Validate_Revoked_IsRejected_AndReinstatedAdmits()
    {
        var ticket = _data.Issue();
        _data.Revocations.Revoke(ticket.TicketId);

        var verdict = _data.Scan(ticket.Token!);

        Assert.Equal((ScanDecision.Reject, ScanReason.Revoked, "revoked", ticket.TicketId), (verdict.Decision, verdict.Reason, verdict.ReasonName, verdict.TicketId));
        Assert.False(_data.Presence.IsInside(ticket.TicketId));

        _data.Revocations.Reinstate(ticket.TicketId);
        Assert.Equal(ScanReason.Entered, _data.Scan(ticket.Token!).Reason);
    }

    [Fact]
    public void Validate_GateNotServingTheZone_IsWrongGateWithRedirect()
    {
        var ticket = _data.Issue();

        var verdict = _data.Scan(ticket.Token!, TicketTestData.FarGate);

        Assert.Equal(
            (ScanDecision.Reject, ScanReason.WrongGate, "wrong_gate", TicketTestData.Gate),
            (verdict.Decision, verdict.Reason, verdict.ReasonName, verdict.RedirectGate));
        Assert.False(_data.Presence.IsInside(ticket.TicketId));
    }

    [Fact]
    public void Validate_OtherGateServingTheZone_IsAdmitted()
    {
        var ticket = _data.Issue();

        Assert.Equal(ScanReason.Entered, _data.Scan(ticket.Token!, TicketTestData.NeighbourGate).Reason);
    }

    [Fact]
    public void Validate_AssignedGateAdmitsEvenWithoutZoneListing()
    {
        var ticket = _data.Issue();
        _data.Gates.StopServing(TicketTestData.Gate, TicketTestData.Zone);

        Assert.Equal(ScanReason.Entered, _data.Scan(ticket.Token!).Reason);
    }

    [Fact]
    public void Validate_OutThenIn_AllowsReentry_ButNeverTwoExitsInARow()
    {
        var token = _data.Issue().Token!;

        // Leaving before entering: the ticket is outside already.
        Assert.Equal(ScanReason.Duplicate, _data.Scan(token, direction: ScanDirection.Out).Reason);
        Assert.Equal(ScanReason.Entered, _data.Scan(token).Reason);
        var exit = _data.Scan(token, TicketTestData.FarGate, ScanDirection.Out);
        Assert.Equal((ScanDecision.Admit, ScanReason.Exited, "exited"), (exit.Decision, exit.Reason, exit.ReasonName));
        Assert.Equal(ScanReason.Duplicate, _data.Scan(token, direction: ScanDirection.Out).Reason);
        Assert.Equal(ScanReason.Entered, _data.Scan(token, TicketTestData.NeighbourGate).Reason);
        Assert.Equal(ScanReason.Duplicate, _data.Scan(token).Reason);
    }

    // A holder whose ticket was revoked or expired while inside must still be let out.
    [Fact]
    public void Validate_OutAfterRevocationAndExpiry_IsAdmitted()
    {
        var ticket = _data.Issue();
        _data.Scan(ticket.Token!);
        _data.Revocations.Revoke(ticket.TicketId);
        _data.Time.SetUtcNow(TicketTestData.GatesClose.AddHours(1));

        Assert.Equal(ScanReason.Exited, _data.Scan(ticket.Token!, direction: ScanDirection.Out).Reason);
        Assert.Equal(ScanReason.OutsideValidity, _data.Scan(ticket.Token!).Reason);
    }

    [Fact]
    public void Validate_OutOfCounterfeit_IsCounterfeitAndChangesNothing()
    {
        var ticket = _data.Issue();
        _data.Scan(ticket.Token!);

        var verdict = _data.Scan(Tamper(ticket.Token!, "112-14-7", "112-14-8"), direction: ScanDirection.Out);

        Assert.Equal(ScanReason.Counterfeit, verdict.Reason);
        Assert.True(_data.Presence.IsInside(ticket.TicketId));
    }

    // The documented order: each row breaks two rules at once and expects the earlier one.
    [Theory]
    // Another match and outside its window (yesterday's ticket): wrong match tells the steward more.
    [InlineData("wrong_match+outside_validity", ScanReason.WrongMatch)]
    // Expired and revoked: no lookup needed to know it cannot enter now.
    [InlineData("outside_validity+revoked", ScanReason.OutsideValidity)]
    // Revoked at the wrong gate: sending the fan across the stadium to be refused there is worse.
    [InlineData("revoked+wrong_gate", ScanReason.Revoked)]
    // Already inside and at the wrong gate: only the last check marks the ticket inside.
    [InlineData("wrong_gate+duplicate", ScanReason.WrongGate)]
    public void Validate_TwoProblems_ReportsTheEarlierCheck(string problems, ScanReason expected)
    {
        var match = problems.Contains("wrong_match", StringComparison.Ordinal) ? TicketTestData.OtherMatch : TicketTestData.Match;
        var ticket = _data.Issue(match: match);
        if (problems.Contains("duplicate", StringComparison.Ordinal))
        {
            Assert.Equal(ScanReason.Entered, _data.Scan(ticket.Token!).Reason);
        }

        if (problems.Contains("outside_validity", StringComparison.Ordinal))
        {
            _data.Time.SetUtcNow(TicketTestData.GatesClose.AddDays(1));
        }

        if (problems.Contains("revoked", StringComparison.Ordinal))
        {
            _data.Revocations.Revoke(ticket.TicketId);
        }

        var gate = problems.Contains("wrong_gate", StringComparison.Ordinal) ? TicketTestData.FarGate : TicketTestData.Gate;

        Assert.Equal(expected, _data.Scan(ticket.Token!, gate).Reason);
    }

    [Fact]
    public void Validate_CounterfeitComesFirst_NoRedirectToAGateAForgerWrote()
    {
        var ticket = _data.Issue(gate: TicketTestData.Gate);
        var tampered = Tamper(ticket.Token!, "C3", "A1");

        var verdict = _data.Scan(tampered, TicketTestData.FarGate);

        Assert.Equal(ScanReason.Counterfeit, verdict.Reason);
        Assert.Null(verdict.RedirectGate);
    }

    [Fact]
    public void Validate_ImportedBarcode_AdmitsOnlyWhenListed()
    {
        _data.Registry.TryAdd(new IssuedTicket("4006381333931", TicketTestData.Match, TicketTestData.Zone, TicketTestData.Gate, "", TicketTestData.GatesOpen, TicketTestData.GatesClose, null));

        Assert.Equal(ScanReason.Entered, _data.Scan("4006381333931").Reason);
        Assert.Equal(ScanReason.Duplicate, _data.Scan("4006381333931", TicketTestData.NeighbourGate).Reason);
        Assert.Equal(ScanReason.WrongGate, _data.Scan("4006381333931", TicketTestData.FarGate).Reason);

        var unknown = _data.Scan("4006381333948");
        Assert.Equal((ScanReason.Counterfeit, TokenError.UnknownBarcode), (unknown.Reason, unknown.TokenError));
    }

    [Fact]
    public void Validate_ImportedBarcode_GoesThroughTheSameChecks()
    {
        _data.Registry.TryAdd(new IssuedTicket("B-OTHER", TicketTestData.OtherMatch, TicketTestData.Zone, TicketTestData.Gate, "", TicketTestData.GatesOpen, TicketTestData.GatesClose, null));
        _data.Registry.TryAdd(new IssuedTicket("B-REVOKED", TicketTestData.Match, TicketTestData.Zone, TicketTestData.Gate, "", TicketTestData.GatesOpen, TicketTestData.GatesClose, null));
        _data.Registry.TryAdd(new IssuedTicket("B-LATER", TicketTestData.Match, TicketTestData.Zone, TicketTestData.Gate, "", TicketTestData.GatesClose, TicketTestData.GatesClose.AddHours(1), null));
        _data.Revocations.Revoke("B-REVOKED");

        Assert.Equal(ScanReason.WrongMatch, _data.Scan("B-OTHER").Reason);
        Assert.Equal(ScanReason.Revoked, _data.Scan("B-REVOKED").Reason);
        Assert.Equal(ScanReason.OutsideValidity, _data.Scan("B-LATER").Reason);
    }

    // The id printed under a signed ticket's QR code must not open the turnstile on its own.
    [Fact]
    public void Validate_BareIdOfListedSignedTicket_IsCounterfeit()
    {
        var ticket = _data.Issue();
        _data.Registry.TryAdd(ticket);

        var verdict = _data.Scan(ticket.TicketId);

        Assert.Equal((ScanReason.Counterfeit, TokenError.UnknownBarcode), (verdict.Reason, verdict.TokenError));
        Assert.Equal(ScanReason.Entered, _data.Scan(ticket.Token!).Reason);
    }

    // The Saint-Denis failure mode: one ticket copied many times, presented at every gate of the stand at once.
    // Repeated so that the interleavings differ; exactly one scan may be admitted each time.
    [Fact]
    public void Validate_SameTicketAtEightGatesConcurrently_AdmitsExactlyOnce()
    {
        string[] gates = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"];
        foreach (var gate in gates)
        {
            _data.Gates.Open(gate, TicketTestData.Match).Serve(gate, TicketTestData.Zone);
        }

        for (var round = 0; round < 500; round++)
        {
            var ticket = _data.Issuer.Issue($"R{round}", TicketTestData.Match, TicketTestData.Zone, "N1", "", TicketTestData.GatesOpen, TicketTestData.GatesClose);
            var verdicts = new ScanVerdict[gates.Length];

            Parallel.For(0, gates.Length, i => verdicts[i] = _data.Validator.Validate(new ScanRequest(gates[i], ticket.Token!, ScanDirection.In)));

            var admitted = 0;
            foreach (var verdict in verdicts)
            {
                if (verdict.IsAdmitted)
                {
                    admitted++;
                }
                else
                {
                    Assert.Equal(ScanReason.Duplicate, verdict.Reason);
                }
            }

            Assert.Equal(1, admitted);
        }
    }

    // Entries and exits racing: at every moment a ticket is inside at most once, so admitted entries never exceed
    // admitted exits by more than one.
    [Fact]
    public void Validate_ConcurrentEntriesAndExits_NeverAdmitTwoEntriesWithoutAnExit()
    {
        var token = _data.Issue().Token!;
        var entered = 0;
        var exited = 0;

        Parallel.For(0, 4000, i =>
        {
            var direction = i % 2 == 0 ? ScanDirection.In : ScanDirection.Out;
            var verdict = _data.Validator.Validate(new ScanRequest(i % 3 == 0 ? TicketTestData.NeighbourGate : TicketTestData.Gate, token, direction));
            if (verdict.IsAdmitted)
            {
                Interlocked.Increment(ref direction == ScanDirection.In ? ref entered : ref exited);
            }
        });

        var inside = _data.Presence.IsInside("7K3M9QX2ZC4D") ? 1 : 0;
        Assert.Equal(entered - exited, inside);
        Assert.True(entered > 0);
    }

    private static string Tamper(string token, string from, string to)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var payload = System.Buffers.Text.Base64Url.DecodeFromChars(token.AsSpan(0, dot));
        var fromBytes = System.Text.Encoding.UTF8.GetBytes(from);
        var at = payload.AsSpan().IndexOf(fromBytes);
        Assert.True(at >= 0);
        System.Text.Encoding.UTF8.GetBytes(to).CopyTo(payload, at);
        return System.Buffers.Text.Base64Url.EncodeToString(payload) + token[dot..];
    }
}
