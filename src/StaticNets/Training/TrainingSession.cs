using System.IO;

namespace StaticNets;

/// <summary>What a callback sees of the run it is attached to.</summary>
internal sealed class TrainingSession
{
    public TrainingSession(ITrainableNetwork model, TrainingConfiguration configuration, TextWriter output)
    {
        Model = model;
        Configuration = configuration;
        Output = output;
    }

    /// <summary>The model being trained.</summary>
    public ITrainableNetwork Model { get; }

    /// <summary>Its compiled configuration (holds the stop flag).</summary>
    public TrainingConfiguration Configuration { get; }

    /// <summary>Where progress and callback messages go.</summary>
    public TextWriter Output { get; }
}
