namespace VmiGrains.Cli.Output;

/// <summary>
/// A progress bar on one terminal line (redrawn with \r) when stderr is a terminal; otherwise a
/// line at every tenth, so logs of scripted runs stay readable.
/// </summary>
internal sealed class ProgressLine(TextWriter writer, int total, string label)
{
    private const int Width = 30;
    private readonly bool _interactive = !Console.IsErrorRedirected && ReferenceEquals(writer, Console.Error);
    private readonly Lock _lock = new();
    private int _lastTenth = -1;

    public void Report(int done)
    {
        lock (_lock)
        {
            var fraction = total == 0 ? 1 : (double)done / total;
            if (_interactive)
            {
                var filled = (int)(fraction * Width);
                writer.Write($"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total}");
            }
            else if ((int)(fraction * 10) is var tenth && tenth > _lastTenth)
            {
                _lastTenth = tenth;
                writer.WriteLine($"{label}: {done}/{total}");
            }
        }
    }

    public void Finish()
    {
        if (_interactive)
        {
            writer.WriteLine();
        }
    }
}
