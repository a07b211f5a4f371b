global using VmiGrains.Testing;
