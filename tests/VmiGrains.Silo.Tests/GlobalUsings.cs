global using VmiGrains.Testing;
global using Xunit;
