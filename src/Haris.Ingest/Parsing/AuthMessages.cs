using Haris.Core.Events;

namespace Haris.Ingest.Parsing;

/// <summary>Decodes the sshd, sudo and PAM messages that authentication rules look at into ECS fields.</summary>
/// <remarks>
/// <c>event.action</c> values: <c>ssh_login</c> (Accepted/Failed &lt;method&gt; for ...), <c>ssh_invalid_user</c>,
/// <c>ssh_connection_closed</c> (closed or disconnected before authentication finished), <c>pam_auth_failure</c>,
/// <c>sudo_command</c>, <c>sudo_incorrect_password</c>, <c>sudo_not_in_sudoers</c>, <c>sudo_denied</c>. Messages
/// that match none of these leave the event as it is: the message stays searchable.
/// </remarks>
internal static class AuthMessages
{
    private const string Success = "success";
    private const string Failure = "failure";

    /// <summary>Adds the decoded fields of <paramref name="message"/>, logged by the program whose lower-cased name is <paramref name="service"/>.</summary>
    public static void Decode(ReadOnlySpan<char> service, ReadOnlySpan<byte> message, LogEvent evt)
    {
        // rsyslog folds repeats into "message repeated 3 times: [ Failed password for ...]"; the inner text is the event.
        if (message.StartsWith("message repeated "u8))
        {
            var open = message.IndexOf(": [ "u8);
            if (open > 0 && message[^1] == ']')
            {
                message = message[(open + 4)..^1].TrimEnd((byte)' ');
            }
        }

        if (message.StartsWith("pam_unix("u8))
        {
            DecodePam(message, evt);
        }
        else if (service is "sshd")
        {
            DecodeSshd(message, evt);
        }
        else if (service is "sudo")
        {
            DecodeSudo(message, evt);
        }
    }

    private static void DecodeSshd(ReadOnlySpan<byte> message, LogEvent evt)
    {
        var accepted = message.StartsWith("Accepted "u8);
        if (accepted || message.StartsWith("Failed "u8))
        {
            // "Failed password for [invalid user ]root from 1.2.3.4 port 22 ssh2"
            var rest = message[(accepted ? 9 : 7)..];
            var forAt = rest.IndexOf(" for "u8);
            if (forAt <= 0 || rest[..forAt].IndexOf((byte)' ') >= 0)
            {
                return;
            }

            rest = rest[(forAt + 5)..];
            if (rest.StartsWith("invalid user "u8))
            {
                rest = rest[13..];
            }

            // The last " from " splits: a user name may itself contain " from " when an attacker chooses it.
            var fromAt = rest.LastIndexOf(" from "u8);
            if (fromAt < 0)
            {
                return;
            }

            AddUser(evt, rest[..fromAt]);
            AddEndpoint(evt, rest[(fromAt + 6)..]);
            AddOutcome(evt, "ssh_login", accepted ? Success : Failure);
        }
        else if (message.StartsWith("Invalid user "u8))
        {
            // "Invalid user admin from 1.2.3.4 port 4242"
            var rest = message[13..];
            var fromAt = rest.LastIndexOf(" from "u8);
            if (fromAt < 0)
            {
                return;
            }

            AddUser(evt, rest[..fromAt]);
            AddEndpoint(evt, rest[(fromAt + 6)..]);
            AddOutcome(evt, "ssh_invalid_user", Failure);
        }
        else if (message.StartsWith("Connection closed by "u8) || message.StartsWith("Disconnected from "u8))
        {
            DecodePreauthClose(message, evt);
        }
    }

    /// <summary>"Connection closed by authenticating user root 1.2.3.4 port 22 [preauth]" and its variants.</summary>
    private static void DecodePreauthClose(ReadOnlySpan<byte> message, LogEvent evt)
    {
        var rest = message[(message[0] == 'C' ? 21 : 18)..];
        var hasUser = false;
        if (rest.StartsWith("authenticating user "u8))
        {
            rest = rest[20..];
            hasUser = true;
        }
        else if (rest.StartsWith("invalid user "u8))
        {
            rest = rest[13..];
            hasUser = true;
        }
        else if (!message.EndsWith("[preauth]"u8))
        {
            // "Disconnected from user bob 1.2.3.4 port 22" is an ordinary logout, not a failed attempt.
            return;
        }

        var portAt = rest.LastIndexOf(" port "u8);
        if (portAt < 0)
        {
            return;
        }

        var before = rest[..portAt];
        var space = before.LastIndexOf((byte)' ');
        if (hasUser)
        {
            if (space < 0)
            {
                return;
            }

            AddUser(evt, before[..space]);
        }

        AddEndpoint(evt, rest[(space + 1)..]);
        AddOutcome(evt, "ssh_connection_closed", Failure);
    }

    /// <summary>"pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=1.2.3.4  user=root".</summary>
    private static void DecodePam(ReadOnlySpan<byte> message, LogEvent evt)
    {
        var semi = message.IndexOf("): authentication failure;"u8);
        if (semi < 0)
        {
            return;
        }

        var rest = message[(semi + 26)..];
        while (!rest.IsEmpty)
        {
            rest = rest.TrimStart((byte)' ');
            var sp = rest.IndexOf((byte)' ');
            var pair = sp < 0 ? rest : rest[..sp];
            rest = sp < 0 ? default : rest[sp..];
            if (pair.StartsWith("rhost="u8) && pair.Length > 6)
            {
                ParseText.AddSource(evt, pair[6..]);
            }
            else if (pair.StartsWith("user="u8) && pair.Length > 5)
            {
                evt.AddUtf8(KnownFields.UserName, pair[5..]);
            }
        }

        AddOutcome(evt, "pam_auth_failure", Failure);
    }

    /// <summary>"bob : [reason ; ]TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/bash".</summary>
    private static void DecodeSudo(ReadOnlySpan<byte> message, LogEvent evt)
    {
        message = message.TrimStart((byte)' ');
        var colon = message.IndexOf(" : "u8);
        if (colon <= 0 || message[..colon].IndexOf((byte)' ') >= 0)
        {
            return;
        }

        var user = message[..colon];
        var rest = message[(colon + 3)..];
        ReadOnlySpan<byte> reason = default, target = default, command = default, pwd = default;
        var seenKey = false;
        var first = true;
        while (!rest.IsEmpty)
        {
            // COMMAND= is last and its arguments may contain " ; ", so it takes everything after it.
            if (rest.StartsWith("COMMAND="u8))
            {
                command = rest[8..];
                seenKey = true;
                break;
            }

            var end = rest.IndexOf(" ; "u8);
            var part = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 3)..];
            if (part.StartsWith("USER="u8))
            {
                target = part[5..];
                seenKey = true;
            }
            else if (part.StartsWith("PWD="u8))
            {
                pwd = part[4..];
                seenKey = true;
            }
            else if (part.StartsWith("TTY="u8))
            {
                seenKey = true;
            }
            else if (first)
            {
                reason = part;
            }

            first = false;
        }

        if (!seenKey)
        {
            return;
        }

        evt.AddUtf8(KnownFields.UserName, user);
        if (!target.IsEmpty)
        {
            evt.AddUtf8(IngestFields.UserTargetName, target);
        }

        if (!pwd.IsEmpty)
        {
            evt.AddUtf8(IngestFields.ProcessWorkingDirectory, pwd);
        }

        if (!command.IsEmpty)
        {
            evt.AddUtf8(KnownFields.ProcessCommandLine, command);
        }

        if (reason.IsEmpty)
        {
            AddOutcome(evt, "sudo_command", Success);
        }
        else if (reason.IndexOf("incorrect password attempt"u8) >= 0)
        {
            AddOutcome(evt, "sudo_incorrect_password", Failure);
        }
        else if (reason.IndexOf("NOT in sudoers"u8) >= 0)
        {
            AddOutcome(evt, "sudo_not_in_sudoers", Failure);
        }
        else
        {
            AddOutcome(evt, "sudo_denied", Failure);
        }
    }

    private static void AddUser(LogEvent evt, ReadOnlySpan<byte> user)
    {
        if (!user.IsEmpty)
        {
            evt.AddUtf8(KnownFields.UserName, user);
        }
    }

    /// <summary>Reads "1.2.3.4 port 22 ..." (the port part is optional in older OpenSSH messages).</summary>
    private static void AddEndpoint(LogEvent evt, ReadOnlySpan<byte> rest)
    {
        var sp = rest.IndexOf((byte)' ');
        var address = sp < 0 ? rest : rest[..sp];
        if (address.IsEmpty)
        {
            return;
        }

        ParseText.AddSource(evt, address);
        if (sp < 0 || !rest[sp..].StartsWith(" port "u8))
        {
            return;
        }

        var port = rest[(sp + 6)..];
        var end = port.IndexOf((byte)' ');
        port = end < 0 ? port : port[..end];
        if (ParseText.IsDigits(port))
        {
            evt.AddUtf8(KnownFields.SourcePort, port, FieldValueKind.Number);
        }
    }

    private static void AddOutcome(LogEvent evt, string action, string outcome)
    {
        evt.Add(KnownFields.EventAction, action);
        evt.Add(KnownFields.EventOutcome, outcome);
    }
}
