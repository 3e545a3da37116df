using System;
using System.Diagnostics;
using System.IO;
using Tutorials;
using Tutorials.Autoencoder;
using Tutorials.Overfit;
using Tutorials.Regression;

// Three TensorFlow/Keras tutorials, ported whole: "Basic regression", "Overfit and underfit" and the convolutional
// part of "Intro to Autoencoders". Each prints what its Keras tutorial prints and writes its plots as PNG files.
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(TutorialOptions.Usage);
    return 0;
}

TutorialOptions options;
try
{
    options = TutorialOptions.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(TutorialOptions.Usage);
    return 2;
}

Directory.CreateDirectory(options.Output);
FashionImages.Pair? fashion = null;
if (options.Runs("autoencoder"))
{
    // Checked first, so a missing data set stops the run before an hour of training rather than after it.
    fashion = FashionImages.Find(options.FashionFolder, out string problem);
    if (fashion is null)
    {
        Console.Error.WriteLine(problem);
        return 1;
    }
}

var clock = Stopwatch.StartNew();
if (options.Runs("regression")) RegressionTutorial.Run(options, Path.Combine(AppContext.BaseDirectory, "Data", "auto-mpg.csv"));
if (options.Runs("overfit")) OverfitTutorial.Run(options);
if (fashion is not null) AutoencoderTutorial.Run(options, fashion.Train, fashion.Test);
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0} s; plots in {Path.GetFullPath(options.Output)}");
return 0;
