using VmiGrains.Cli;

return await VmiApp.RunAsync(args, Console.Out, Console.Error);
