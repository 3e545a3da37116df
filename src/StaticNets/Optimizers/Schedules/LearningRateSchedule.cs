namespace StaticNets;

/// <summary>
/// A learning rate that changes with the optimizer's step count, like Keras's
/// <c>keras.optimizers.schedules.LearningRateSchedule</c>. Pass one to an optimizer in place of its float learning
/// rate; step k (0-based, the optimizer's <see cref="Optimizer.Iterations"/> before the step) uses <c>Rate(k)</c>.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate of optimizer step <paramref name="step"/> (0 for the first step).</summary>
    /// <param name="step">Steps applied so far; non-negative.</param>
    public abstract float Rate(long step);
}
