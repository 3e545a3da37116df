namespace StaticNets;

/// <summary>What <c>Compile</c> fixed for a network: the loss (more to come with the training runtime).</summary>
public sealed class TrainingConfiguration
{
    /// <summary>Creates a configuration.</summary>
    public TrainingConfiguration(Loss loss) => Loss = loss;

    /// <summary>The compiled loss.</summary>
    public Loss Loss { get; }
}
