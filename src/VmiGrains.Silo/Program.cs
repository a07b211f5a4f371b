Console.Error.WriteLine("vmi-silo: not built yet (see issue 5).");
return 1;
