using System;
using System.Globalization;
using System.Threading;
using StaticNets;
using StaticNets.CrashSaver;

// Usage: StaticNets.CrashSaver <path> <architecture> <parameterCount> <firstGeneration>
// Saves generation after generation to <path> until killed, announcing each on stdout. It exits by itself when
// stdin closes (the test host is gone) or after MaxGenerations, so a crashed test leaves no runaway process.
const int MaxGenerations = 10_000;

if (args.Length != 4)
{
    Console.Error.WriteLine("usage: StaticNets.CrashSaver <path> <architecture> <parameterCount> <firstGeneration>");
    return 2;
}

string path = args[0];
var network = new GenerationNetwork(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
int first = int.Parse(args[3], CultureInfo.InvariantCulture);

var watchParent = new Thread(() =>
{
    while (Console.In.Read() != -1) { }
    Environment.Exit(3);
}) { IsBackground = true };
watchParent.Start();

for (int generation = first; generation < first + MaxGenerations; generation++)
{
    network.Fill(generation);
    Console.Out.WriteLine($"saving {generation}");
    Console.Out.Flush();
    network.SaveWeights(path);
    Console.Out.WriteLine($"saved {generation}");
    Console.Out.Flush();
}

return 0;
