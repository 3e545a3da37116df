namespace StaticNets;

/// <summary>
/// Arrays that training reuses between calls. Each grows to the largest size asked for and is then kept, so only
/// warm-up calls allocate.
/// </summary>
internal sealed class TrainingWorkspace
{
    private float[] _gradients = [];
    private float[] _outputs = [];
    private float[] _lossGradient = [];
    private float[] _batchInputs = [];
    private float[] _batchTargets = [];
    private float[] _weightedTargets = [];
    private int[] _order = [];

    /// <summary>∂loss/∂Parameters for one step.</summary>
    public float[] Gradients(int length) => Ensure(ref _gradients, length);

    /// <summary>Predictions of one batch (for metrics and evaluation).</summary>
    public float[] Outputs(int length) => Ensure(ref _outputs, length);

    /// <summary>The loss gradient written (and ignored) when only the loss value is wanted.</summary>
    public float[] LossGradient(int length) => Ensure(ref _lossGradient, length);

    /// <summary>Inputs gathered for one shuffled batch.</summary>
    public float[] BatchInputs(int length) => Ensure(ref _batchInputs, length);

    /// <summary>Targets gathered for one shuffled batch.</summary>
    public float[] BatchTargets(int length) => Ensure(ref _batchTargets, length);

    /// <summary><c>[weight, target…]</c> rows of one batch trained with sample weights.</summary>
    public float[] WeightedTargets(int length) => Ensure(ref _weightedTargets, length);

    /// <summary>The sample order of one epoch.</summary>
    public int[] Order(int length)
    {
        if (_order.Length < length) _order = new int[length];
        return _order;
    }

    private static float[] Ensure(ref float[] array, int length)
    {
        if (array.Length < length) array = new float[length];
        return array;
    }
}
