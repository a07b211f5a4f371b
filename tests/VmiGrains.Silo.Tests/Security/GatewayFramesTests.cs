using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Session;
using VmiGrains.Silo.Security;

namespace VmiGrains.Silo.Tests.Security;

/// <summary>The guard reads Orleans' framing as Orleans' own writer produces it.</summary>
public sealed class GatewayFramesTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private SerializerSessionPool Sessions => _services.GetRequiredService<SerializerSessionPool>();

    [Fact]
    public void NextUnit_PreambleThenMessage_LengthsAndSendingGrain()
    {
        var sender = GrainId.Create(GrainTypePrefix.ClientPrefix, "3f2b6c1e0a9d4e7f");
        var preamble = new byte[] { 3, 0, 0, 0, 1, 2, 3 };
        var message = Frame(Header(sender, forgeHash: false), body: 5);
        var stream = new ReadOnlySequence<byte>([.. preamble, .. message]);

        Assert.Equal(7, GatewayFrames.NextUnit(stream, preamble: true, out _));
        var rest = stream.Slice(7);
        Assert.Equal(message.Length, GatewayFrames.NextUnit(rest, preamble: false, out var header));
        Assert.Equal(sender, GatewayFrames.SendingGrain(rest.Slice(8, header), Sessions));
        Assert.Equal(0, GatewayFrames.NextUnit(rest.Slice(0, message.Length - 1), preamble: false, out _));
    }

    [Fact]
    public void SendingGrain_HashNotMatchingBytes_Refused()
    {
        var header = Header(GrainId.Create(GrainTypePrefix.ClientPrefix, "3f2b6c1e0a9d4e7f"), forgeHash: true);

        Assert.Throws<InvalidDataException>(() => GatewayFrames.SendingGrain(new ReadOnlySequence<byte>(header), Sessions));
    }

    [Fact]
    public void NextUnit_OversizedPreambleOrNegativeBody_Refused()
    {
        Assert.Throws<InvalidDataException>(() => GatewayFrames.NextUnit(new ReadOnlySequence<byte>([0, 0x10, 0, 0]), preamble: true, out _));
        Assert.Throws<InvalidDataException>(() => GatewayFrames.NextUnit(new ReadOnlySequence<byte>([20, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]), preamble: false, out _));
    }

    public void Dispose() => _services.Dispose();

    private byte[] Header(GrainId sender, bool forgeHash)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var session = Sessions.GetSession();
        var writer = Writer.Create(buffer, session);
        writer.WriteUInt32(0);
        writer.WriteInt64(1);
        IdSpanCodec.WriteRaw(ref writer, sender.Type.Value);
        IdSpanCodec.WriteRaw(ref writer, forgeHash ? IdSpan.UnsafeCreate(sender.Key.AsSpan().ToArray(), 12345) : sender.Key);
        IdSpanCodec.WriteRaw(ref writer, GrainId.Create("vmigrains.fleet", "default").Type.Value);
        writer.Commit();
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Frame(byte[] header, int body)
    {
        var frame = new byte[8 + header.Length + body];
        BinaryPrimitives.WriteInt32LittleEndian(frame, header.Length);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), body);
        header.CopyTo(frame, 8);
        return frame;
    }
}
