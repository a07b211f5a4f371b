global using Xunit;
global using VmiGrains.Testing;
