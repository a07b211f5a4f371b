global using VmiGrains.Benchmarking;
global using VmiGrains.Testing;
