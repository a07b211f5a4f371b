Console.Error.WriteLine("vmi: not built yet (see issue 2).");
return 1;
