using System.Net.Sockets;
using System.Text;

namespace VmiGrains.GuestAgent.Protocol;

/// <summary>
/// Reads newline-terminated replies from a QGA stream, and skips to the <c>0xFF</c> sentinel that
/// qemu-ga puts before a <c>guest-sync-delimited</c> reply (0xFF never occurs in UTF-8, so it marks
/// a clean message boundary whatever garbage came before). A reply longer than the limit is a
/// protocol error rather than unbounded memory.
/// </summary>
internal sealed class QgaLineReader(Socket socket, int maxLineBytes)
{
    public const byte Sentinel = 0xFF;

    private byte[] _buffer = new byte[Math.Min(64 * 1024, maxLineBytes)];
    private int _start;
    private int _end;

    /// <summary>The next line without its newline; <c>null</c> when the agent closed the stream.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var searched = _start;
        while (true)
        {
            var index = Array.IndexOf(_buffer, (byte)'\n', searched, _end - searched);
            if (index >= 0)
            {
                var line = Encoding.UTF8.GetString(_buffer, _start, index - _start);
                _start = index + 1;
                return line;
            }

            searched = _end;
            var before = _start;
            if (!await FillAsync(cancellationToken))
            {
                return null;
            }

            searched -= before - _start;
        }
    }

    /// <summary>Discards everything up to and including the next sentinel; <c>false</c> on end of stream.</summary>
    public async ValueTask<bool> SkipPastSentinelAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var index = Array.IndexOf(_buffer, Sentinel, _start, _end - _start);
            if (index >= 0)
            {
                _start = index + 1;
                return true;
            }

            _start = _end;
            if (!await FillAsync(cancellationToken))
            {
                return false;
            }
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= maxLineBytes)
            {
                throw new QgaProtocolException($"a reply is longer than {maxLineBytes} bytes without a newline; raise GuestAgent MaxReplyBytes or lower the output the program writes");
            }

            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, maxLineBytes));
        }

        var read = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        _end += read;
        return read > 0;
    }
}
