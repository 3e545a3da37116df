using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets;

namespace StaticNets.Tests.Training;

/// <summary>Bad arguments throw the documented exception before any work: no callback runs and no weight changes.</summary>
public sealed class InputValidationTests
{
    private sealed class CountingCallback : Callback
    {
        public int Calls { get; private set; }

        public override void OnTrainBegin() => Calls++;

        public override void OnBatchBegin(int batch) => Calls++;
    }

    /// <summary>Runs <paramref name="fit"/> on a compiled 2-input MLP and checks that nothing happened.</summary>
    private static TException FitFails<TException>(Func<ReferenceMlp, Callback, object> fit, Loss? loss = null)
        where TException : Exception
    {
        ReferenceMlp model = new ReferenceMlp(2, (3, Activation.Relu), (2, Activation.Softmax)).InitializeGlorot(1);
        var adam = new Adam();
        model.Compile(adam, loss ?? Loss.CategoricalCrossentropy, Metric.Accuracy);
        float[] before = model.Parameters.ToArray();
        var counter = new CountingCallback();

        TException error = Assert.ThrowsAny<TException>(() => fit(model, counter));

        Assert.Equal(before, model.Parameters.ToArray());
        Assert.Equal(0, counter.Calls);
        Assert.Equal(0, adam.Iterations);
        return error;
    }

    private static readonly float[] X = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f];
    private static readonly float[] Y = [1, 0, 0, 1, 1, 0];

    [Fact]
    public void NullData_Throws() => FitFails<ArgumentNullException>((m, c) => m.Fit(null!, Y, callbacks: [c], verbose: 0));

    [Fact]
    public void NullTargets_Throws() => FitFails<ArgumentNullException>((m, c) => m.Fit(X, null!, callbacks: [c], verbose: 0));

    [Fact]
    public void EmptyData_Throws()
    {
        var error = FitFails<ArgumentException>((m, c) => m.Fit([], [], callbacks: [c], verbose: 0));
        Assert.Contains("no samples", error.Message);
    }

    [Fact]
    public void DataNotAMultipleOfInputSize_Throws()
    {
        var error = FitFails<ArgumentException>((m, c) => m.Fit([1, 2, 3], Y, callbacks: [c], verbose: 0));
        Assert.Contains("multiple of 2", error.Message);
    }

    [Fact]
    public void TargetsOfTheWrongLength_Throw()
    {
        var error = FitFails<ArgumentException>((m, c) => m.Fit(X, [1, 0, 0, 1], callbacks: [c], verbose: 0));
        Assert.Contains("Expected 6 values in y", error.Message);
    }

    [Fact]
    public void SparseLabelOutOfRange_ThrowsBeforeTraining()
    {
        var error = FitFails<ArgumentException>(
            (m, c) => m.Fit(X, [1, 2, 0], callbacks: [c], verbose: 0), Loss.SparseCategoricalCrossentropy);
        Assert.Contains("Sample 1", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void NonPositiveBatchSize_Throws(int batchSize)
        => FitFails<ArgumentOutOfRangeException>((m, c) => m.Fit(X, Y, batchSize: batchSize, callbacks: [c], verbose: 0));

    [Fact]
    public void NegativeEpochs_Throw() => FitFails<ArgumentOutOfRangeException>((m, c) => m.Fit(X, Y, epochs: -1, callbacks: [c], verbose: 0));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void ValidationSplitOutsideZeroToOne_Throws(double split)
        => FitFails<ArgumentOutOfRangeException>((m, c) => m.Fit(X, Y, validationSplit: split, callbacks: [c], verbose: 0));

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(1e-20, 3)]
    public void ValidationSplitLeavingAPartEmpty_Throws(double split, int samples)
    {
        var error = FitFails<ArgumentException>(
            (m, c) => m.Fit(X.Take(2 * samples).ToArray(), Y.Take(2 * samples).ToArray(), validationSplit: split, callbacks: [c], verbose: 0));
        Assert.Contains("both parts need at least one sample", error.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void VerboseOutsideZeroToTwo_Throws(int verbose)
        => FitFails<ArgumentOutOfRangeException>((m, c) => m.Fit(X, Y, verbose: verbose, callbacks: [c]));

    [Fact]
    public void NullCallback_Throws()
        => FitFails<ArgumentException>((m, c) => m.Fit(X, Y, verbose: 0, callbacks: new List<Callback> { c, null! }));

    [Fact]
    public void NotCompiled_EveryEntryPointSaysCallCompileFirst()
    {
        var model = new ReferenceMlp(2, (1, Activation.Linear));
        var gradients = new float[model.ParameterCount];
        var errors = new[]
        {
            Assert.Throws<InvalidOperationException>(() => model.Fit(X, [1, 2, 3], verbose: 0)),
            Assert.Throws<InvalidOperationException>(() => model.Evaluate(X, [1, 2, 3])),
            Assert.Throws<InvalidOperationException>(() => model.TrainOnBatch(X, [1, 2, 3])),
            Assert.Throws<InvalidOperationException>(() => model.ComputeGradients(X, [1, 2, 3], gradients)),
        };

        Assert.All(errors, e => Assert.Contains("call Compile first", e.Message));
    }

    [Fact]
    public void Compile_RejectsNullsRepeatsAndMetricsThatDoNotFitTheLoss()
    {
        var model = new ReferenceMlp(2, (3, Activation.Softmax));
        Assert.Throws<ArgumentNullException>(() => NetworkTraining.Compile(null!, new Adam(), Loss.MeanSquaredError));
        Assert.Throws<ArgumentNullException>(() => model.Compile(null!, Loss.MeanSquaredError));
        Assert.Throws<ArgumentNullException>(() => model.Compile(new Adam(), null!));
        Assert.Throws<ArgumentNullException>(() => model.Compile(new Adam(), Loss.MeanSquaredError, null!));
        Assert.Throws<ArgumentException>(() => model.Compile(new Adam(), Loss.MeanSquaredError, Metric.Accuracy, Metric.Accuracy));
        Assert.Throws<ArgumentException>(() => model.Compile(new Adam(), Loss.SparseCategoricalCrossentropy, Metric.MeanAbsoluteError));
        Assert.Throws<ArgumentException>(() => model.Compile(new Adam(), Loss.MeanSquaredError, (Metric)null!));
        Assert.Throws<ArgumentException>(() => model.Compile(new Adam(), Loss.MeanSquaredError, new SparseCategoricalAccuracy()));
        Assert.Null(model.Training);
    }

    [Fact]
    public void TrainOnBatchAndComputeGradients_RejectBadLengths_WithoutChangingWeights()
    {
        ReferenceMlp model = new ReferenceMlp(2, (3, Activation.Softmax)).InitializeGlorot(2);
        var sgd = new Sgd();
        model.Compile(sgd, Loss.SparseCategoricalCrossentropy);
        float[] before = model.Parameters.ToArray();

        Assert.Throws<ArgumentException>(() => model.TrainOnBatch([1, 2, 3], [0]));
        Assert.Throws<ArgumentException>(() => model.TrainOnBatch([1, 2], [0, 1]));
        Assert.Throws<ArgumentException>(() => model.TrainOnBatch([1, 2], [3]));
        Assert.Throws<ArgumentException>(() => model.TrainOnBatch([], []));
        Assert.Throws<ArgumentException>(() => model.ComputeGradients([1, 2], [0], new float[model.ParameterCount + 1]));

        Assert.Equal(before, model.Parameters.ToArray());
        Assert.Equal(0, sgd.Iterations);
    }

    [Fact]
    public void Evaluate_RejectsBadBatchSizeAndData()
    {
        var model = new ReferenceMlp(2, (1, Activation.Linear));
        model.Compile(new Sgd(), Loss.MeanSquaredError);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Evaluate(X, [1, 2, 3], batchSize: 0));
        Assert.Throws<ArgumentException>(() => model.Evaluate(X, [1, 2]));
        Assert.Throws<ArgumentNullException>(() => model.Evaluate(null!, [1, 2]));
    }
}
