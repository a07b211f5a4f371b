using BenchmarkDotNet.Running;

// Run with scripts/bench.sh; pass BenchmarkDotNet arguments (e.g. --filter '*') after --.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
