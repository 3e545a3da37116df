using System;

namespace StaticNets.Benchmarks.Recurrent;

/// <summary>
/// An implementation's side of one recurrent measure: its outputs on the case (checked against the
/// double-precision reference before any timing) and a timed action, <c>Run(reps)</c> = <c>reps</c> operations
/// (streamed steps, single-sample predictions, or training steps).
/// </summary>
/// <param name="Outputs">Streaming: one output per step of the whole signal from a fresh state; sequence: the one sample's outputs.</param>
/// <param name="Run">Performs <c>reps</c> operations. A streaming member goes on through the signal, cycling, carrying its state.</param>
/// <param name="FirstLoss">Training only: the loss of the first step on the case's batch, before any update (else NaN).</param>
public sealed record RecurrentMember(float[] Outputs, Action<int> Run, float FirstLoss = float.NaN);

/// <summary>
/// StaticNets' members of the recurrent benchmarks: the generated networks of <c>RecurrentNetworks.cs</c>, with
/// <see cref="RecurrentCase.KerasParameters"/> (Keras <c>get_weights()</c> order: kernel, recurrent kernel, bias, dense
/// kernel, dense bias) copied into their <c>Parameters</c>. The streamed members call <c>Step</c> through a delegate
/// (about a nanosecond a step). The suite adds each as the first member of its group, so every ratio is to StaticNets.
/// </summary>
public static class StaticNetsRecurrent
{
    /// <summary>
    /// Streaming one step of a one-feature model (<c>lstm16</c>, <c>lstm32</c>, <c>gru32</c>): <see cref="RecurrentMember.Outputs"/>
    /// holds <see cref="RecurrentCase.Steps"/> outputs (the signal from a fresh state), and <c>Run(reps)</c> streams
    /// <c>reps</c> samples of <see cref="RecurrentCase.Input"/>, cycling.
    /// </summary>
    public static RecurrentMember? Stream(RecurrentCase c) => c.Name switch
    {
        "lstm16" => StreamOf(new Lstm16Stream(1), c, n => n.Parameters, n => n.CreateState(), (n, s, x, y) => n.Step(s, x, y)),
        "lstm32" => StreamOf(new Lstm32Stream(1), c, n => n.Parameters, n => n.CreateState(), (n, s, x, y) => n.Step(s, x, y)),
        "gru32" => StreamOf(new Gru32Stream(1), c, n => n.Parameters, n => n.CreateState(), (n, s, x, y) => n.Step(s, x, y)),
        _ => null,
    };

    private delegate void StepFn<TNet, TState>(TNet net, TState state, System.ReadOnlySpan<float> x, System.Span<float> y);

    private static RecurrentMember StreamOf<TNet, TState>(TNet net, RecurrentCase c, System.Func<TNet, System.Span<float>> parameters, System.Func<TNet, TState> create, StepFn<TNet, TState> step)
    {
        c.KerasParameters().CopyTo(parameters(net));
        TState state = create(net);
        var outputs = new float[c.OutputLength];
        for (int t = 0; t < c.Steps; t++) step(net, state, c.Input.AsSpan(t, 1), outputs.AsSpan(t, 1));
        state = create(net);
        var y = new float[1];
        int position = 0;
        return new RecurrentMember(outputs, reps =>
        {
            for (int i = 0; i < reps; i++) { step(net, state, c.Input.AsSpan(position, 1), y); if (++position == c.Steps) position = 0; }
        });
    }

    /// <summary>
    /// The Fashion LSTM on one sample (<see cref="RecurrentCase.Input"/>, 28 steps × 28 features → 10 softmax
    /// probabilities); <c>Run(reps)</c> predicts it <c>reps</c> times. <paramref name="threads"/>: 2 (the default, half
    /// the units of each step on the companion thread) or 1 (<c>PredictBatchThreads = 1</c>).
    /// </summary>
    public static RecurrentMember? Sequence(RecurrentCase c, int threads)
    {
        var net = new FashionLstm(1) { PredictBatchThreads = threads };
        c.KerasParameters().CopyTo(net.Parameters);
        var y = new float[10];
        net.Predict(c.Input, y);
        var outputs = (float[])y.Clone();
        return new RecurrentMember(outputs, reps => { for (int i = 0; i < reps; i++) net.Predict(c.Input, y); });
    }

    /// <summary>
    /// Training the Fashion LSTM: batch <see cref="RecurrentCase.TrainingBatch"/> (32 × 28 × 28) with
    /// <see cref="RecurrentCase.TrainingLabels"/>, Adam (learning rate 1e-3, Keras's epsilon 1e-7), softmax +
    /// (sparse) categorical cross-entropy; <see cref="RecurrentMember.FirstLoss"/> is the first step's loss from the
    /// case's weights, <see cref="RecurrentMember.Outputs"/> may be empty, <c>Run(reps)</c> runs <c>reps</c> training
    /// steps on the batch. <paramref name="threads"/>: TrainingThreads (1, or 2 timed on the wall clock). Null
    /// until StaticNets has the network.
    /// </summary>
    public static RecurrentMember? Train(RecurrentCase c, int threads)
    {
        var net = new FashionLstm(1);
        c.KerasParameters().CopyTo(net.Parameters);
        net.Compile(new StaticNets.Adam(), new StaticNets.SparseCategoricalCrossentropy());
        ((StaticNets.ITrainableNetwork)net).Training!.TrainingThreads = threads;
        float[] labels = System.Array.ConvertAll(c.TrainingLabels!, l => (float)l);
        float first = net.TrainOnBatch(c.TrainingBatch, labels);
        for (int i = 0; i < 20; i++) net.TrainOnBatch(c.TrainingBatch, labels);
        return new RecurrentMember([], reps => { for (int i = 0; i < reps; i++) net.TrainOnBatch(c.TrainingBatch, labels); }, first);
    }
}
