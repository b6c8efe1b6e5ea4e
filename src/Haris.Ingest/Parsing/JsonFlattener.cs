using System.Text.Json;
using System.Text.Unicode;
using Haris.Core.Events;

namespace Haris.Ingest.Parsing;

/// <summary>Flattens one JSON object into event fields with dotted names; shared by the JSON and EVE parsers.</summary>
/// <remarks>
/// Nested objects become <c>a.b.c</c>; keys that already hold dots are kept as written (ECS documents mix both); array
/// elements become further values of the array's field, and objects inside arrays flatten under the array's name.
/// Buffers are owned by this instance, so one instance serves one thread.
/// </remarks>
internal sealed class JsonFlattener
{
    /// <summary>Deepest nesting accepted; deeper documents are malformed (and cannot exhaust the stack or the path buffer).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Longest field name given its own registry id. Keys are attacker-written and the registry keeps every name for the
    /// life of the process, so longer names share <see cref="FieldRegistry.OverflowId"/>: still searchable by keyword.
    /// </summary>
    public const int MaxFieldNameLength = 256;

    private static readonly JsonReaderOptions s_readerOptions = new()
    {
        // One more than ours so that our own check, with its clearer reason, fires first.
        MaxDepth = MaxDepth + 1,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private readonly int[] _prefixLength = new int[MaxDepth + 2];
    private readonly bool[] _isArray = new bool[MaxDepth + 2];
    private char[] _path = new char[MaxFieldNameLength + 1];
    private byte[] _unescaped = new byte[256];

    /// <summary>Adds every scalar of the object in <paramref name="json"/> to <paramref name="evt"/>; false with a reason when it is not one valid object.</summary>
    public bool TryFlatten(ReadOnlySpan<byte> json, LogEvent evt, out string? error)
    {
        if (json.Trim(" \t"u8).IsEmpty)
        {
            error = "empty line";
            return false;
        }

        try
        {
            return Flatten(json, evt, out error);
        }
        catch (JsonException)
        {
            // Utf8JsonReader reports bad syntax only by throwing; this is the error path, so the cost is acceptable.
            error = "invalid JSON";
            return false;
        }
        catch (InvalidOperationException)
        {
            // Thrown when an escaped string holds a lone surrogate (\uD800) that cannot be unescaped.
            error = "invalid JSON string escape";
            return false;
        }
    }

    private bool Flatten(ReadOnlySpan<byte> json, LogEvent evt, out string? error)
    {
        var reader = new Utf8JsonReader(json, s_readerOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = "not a JSON object";
            return false;
        }

        var depth = 0;
        _prefixLength[0] = 0;
        _isArray[0] = false;
        var nameLength = 0;
        var nameTooLong = false;

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    nameLength = AppendKey(ref reader, _prefixLength[depth], out nameTooLong);
                    break;

                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (depth + 1 >= MaxDepth)
                    {
                        error = "JSON nested too deeply";
                        return false;
                    }

                    // Inside an array the element shares the array's name; inside an object it takes the key just read.
                    var prefix = _isArray[depth] ? _prefixLength[depth] : nameLength;
                    depth++;
                    _prefixLength[depth] = prefix;
                    _isArray[depth] = reader.TokenType == JsonTokenType.StartArray;
                    break;

                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    if (depth == 0)
                    {
                        // The closing brace of the document: anything after it makes the reader throw on the next Read.
                        if (reader.Read())
                        {
                            error = "trailing data after JSON object";
                            return false;
                        }

                        error = null;
                        return true;
                    }

                    depth--;
                    break;

                default:
                    var length = _isArray[depth] ? _prefixLength[depth] : nameLength;
                    var fieldId = nameTooLong && !_isArray[depth] ? FieldRegistry.OverflowId : FieldId(length);
                    AddScalar(ref reader, evt, fieldId);
                    break;
            }
        }

        error = "truncated JSON";
        return false;
    }

    private int FieldId(int length) =>
        length > MaxFieldNameLength ? FieldRegistry.OverflowId : FieldRegistry.GetOrAdd(_path.AsSpan(0, length));

    /// <summary>Writes <c>prefix.key</c> into the path buffer and returns its length.</summary>
    private int AppendKey(ref Utf8JsonReader reader, int prefixLength, out bool tooLong)
    {
        var key = Unescaped(ref reader);
        var start = prefixLength == 0 ? 0 : prefixLength + 1;

        // Names past the cap are not spelled out: a 1 MB key must not become a 1 MB path (or registry entry).
        if (prefixLength > MaxFieldNameLength || start + key.Length > MaxFieldNameLength * 4)
        {
            tooLong = true;
            return MaxFieldNameLength + 1;
        }

        var needed = start + key.Length;
        if (_path.Length < needed)
        {
            Array.Resize(ref _path, Math.Max(needed, _path.Length * 2));
        }

        if (prefixLength > 0)
        {
            _path[prefixLength] = '.';
        }

        Utf8.ToUtf16(key, _path.AsSpan(start), out _, out var written, replaceInvalidSequences: true);
        var length = start + written;
        tooLong = length > MaxFieldNameLength;
        return length;
    }

    private void AddScalar(ref Utf8JsonReader reader, LogEvent evt, int fieldId)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                evt.AddUtf8(fieldId, Unescaped(ref reader));
                break;
            case JsonTokenType.Number:
                evt.AddUtf8(fieldId, reader.ValueSpan, FieldValueKind.Number);
                break;
            case JsonTokenType.True:
                evt.Add(fieldId, "true", FieldValueKind.Boolean);
                break;
            case JsonTokenType.False:
                evt.Add(fieldId, "false", FieldValueKind.Boolean);
                break;
            case JsonTokenType.Null:
                evt.Add(fieldId, default, FieldValueKind.Null);
                break;
        }
    }

    /// <summary>The token's text with JSON escapes undone, as UTF-8; raw bytes when nothing is escaped.</summary>
    private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            // Invalid UTF-8 passes through here and becomes U+FFFD when decoded into the event.
            return reader.ValueSpan;
        }

        var raw = reader.ValueSpan.Length;
        if (_unescaped.Length < raw)
        {
            _unescaped = new byte[Math.Max(raw, _unescaped.Length * 2)];
        }

        var written = reader.CopyString(_unescaped);
        return _unescaped.AsSpan(0, written);
    }
}
