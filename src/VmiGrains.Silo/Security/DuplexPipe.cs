using System.IO.Pipelines;

namespace VmiGrains.Silo.Security;

/// <summary>A transport made of a reader and a writer (the guard's checked input and the connection's own output).</summary>
internal sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
