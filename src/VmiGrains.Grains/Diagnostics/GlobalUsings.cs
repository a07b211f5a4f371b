// Grains record metrics with one call each (VmiGrainsMetrics.RecordX), without a using per file.
global using VmiGrains.Grains.Diagnostics;
