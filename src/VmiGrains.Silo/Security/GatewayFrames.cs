using System.Buffers;
using System.Buffers.Binary;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Session;

namespace VmiGrains.Silo.Security;

/// <summary>
/// Reads what a client sends a gateway, as Orleans 10 frames it: first the connection preamble
/// (<c>int32 length</c>, payload), then messages (<c>int32 header length</c>, <c>int32 body length</c>,
/// header, body), each header starting with <c>uint32 flags</c>, <c>int64 id</c> and the sending grain
/// id (type and key as length-prefixed id spans). Only the sending grain is decoded; everything else is
/// passed through untouched.
/// </summary>
internal static class GatewayFrames
{
    /// <summary>Largest preamble Orleans accepts.</summary>
    public const int MaxPreambleLength = 1024;

    /// <summary>Largest message header accepted from a client (Orleans' own limit is 10 MiB; a client's headers are small).</summary>
    public const int MaxHeaderLength = 1024 * 1024;

    /// <summary>
    /// The length of the next complete unit at the start of <paramref name="buffer"/> (the preamble when
    /// <paramref name="preamble"/>, else a message), 0 when more bytes are needed. Throws
    /// <see cref="InvalidDataException"/> on lengths no Orleans client sends.
    /// </summary>
    public static long NextUnit(ReadOnlySequence<byte> buffer, bool preamble, out long headerLength)
    {
        headerLength = 0;
        Span<byte> prefix = stackalloc byte[8];
        if (preamble)
        {
            if (buffer.Length < 4)
            {
                return 0;
            }

            buffer.Slice(0, 4).CopyTo(prefix);
            var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
            if (length is < 0 or > MaxPreambleLength)
            {
                throw new InvalidDataException($"preamble length {length} is outside 0..{MaxPreambleLength}");
            }

            return buffer.Length >= 4 + length ? 4 + length : 0;
        }

        if (buffer.Length < 8)
        {
            return 0;
        }

        buffer.Slice(0, 8).CopyTo(prefix);
        var header = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        var body = BinaryPrimitives.ReadInt32LittleEndian(prefix[4..]);
        if (header is < 12 or > MaxHeaderLength || body < 0)
        {
            throw new InvalidDataException($"message header length {header} or body length {body} is out of range");
        }

        headerLength = header;
        return buffer.Length >= 8L + header + body ? 8L + header + body : 0;
    }

    /// <summary>The sending grain id of the message whose header is <paramref name="header"/>; throws <see cref="InvalidDataException"/> when it does not decode.</summary>
    public static GrainId SendingGrain(ReadOnlySequence<byte> header, SerializerSessionPool sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        try
        {
            using var session = sessions.GetSession();
            var reader = Reader.Create(header.ToArray(), session);
            _ = reader.ReadUInt32();
            _ = reader.ReadInt64();
            var type = IdSpanCodec.ReadRaw(ref reader);
            var key = IdSpanCodec.ReadRaw(ref reader);
            var sent = GrainId.Create(new GrainType(type), key);
            // The hash codes travel with the id; one that does not match its bytes is not one a client made.
            var canonical = GrainId.Create(new GrainType(IdSpan.Create(type.ToString())), IdSpan.Create(key.ToString()));
            return sent.Equals(canonical) && sent.GetHashCode() == canonical.GetHashCode()
                ? canonical
                : throw new InvalidDataException("the sending grain id's hash codes do not match its bytes");
        }
        catch (Exception ex) when (ex is not InvalidDataException and not OutOfMemoryException)
        {
            throw new InvalidDataException($"the message header does not decode ({ex.Message})", ex);
        }
    }
}
