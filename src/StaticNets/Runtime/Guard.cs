using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace StaticNets.Runtime;

/// <summary>Argument checks shared by generated networks, so each message is written once.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Guard
{
    /// <summary>Throws unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    public static void Length(int actual, int expected, string parameterName)
    {
        if (actual != expected) ThrowLength(actual, expected, parameterName);
    }

    /// <summary>
    /// Checks that <paramref name="length"/> is a positive whole number of samples of <paramref name="inputSize"/> floats
    /// and returns the sample count (data for <c>Adapt</c>).
    /// </summary>
    public static int Samples(int length, int inputSize, string name)
    {
        if (length == 0 || length % inputSize != 0)
        {
            throw new ArgumentException(
                $"Expected a positive multiple of {inputSize} values (InputSize) in {name}, but got {length}.", name);
        }

        return length / inputSize;
    }

    /// <summary>
    /// Checks a row-major batch: <paramref name="inputsLength"/> a positive multiple of <paramref name="inputSize"/>
    /// and <paramref name="outputsLength"/> the matching number of outputs. Returns the sample count.
    /// </summary>
    public static int Batch(int inputsLength, int inputSize, int outputsLength, int outputSize, string inputsName, string outputsName)
    {
        if (inputsLength % inputSize != 0)
        {
            throw new ArgumentException(
                $"Expected a multiple of {inputSize} values (InputSize) in {inputsName}, but got {inputsLength}.", inputsName);
        }

        int samples = inputsLength / inputSize;
        if ((long)samples * outputSize != outputsLength)
        {
            throw new ArgumentException(
                $"Expected {(long)samples * outputSize} values in {outputsName} ({samples} samples × OutputSize {outputSize}), but got {outputsLength}.",
                outputsName);
        }

        return samples;
    }

    /// <summary>
    /// Checks the spans of one training batch and returns its sample count: a positive whole number of samples,
    /// targets to match, a gradient per parameter, and either no outputs or one row per sample.
    /// </summary>
    public static int TrainingBatch(
        int inputsLength, int inputSize, int targetsLength, int targetSize, int gradientsLength, int parameterCount, int outputsLength, int outputSize)
    {
        if (inputsLength == 0)
        {
            throw new ArgumentException("The batch is empty: inputs holds no samples.", "inputs");
        }

        if (inputsLength % inputSize != 0)
        {
            throw new ArgumentException($"Expected a multiple of {inputSize} values (InputSize) in inputs, but got {inputsLength}.", "inputs");
        }

        int samples = inputsLength / inputSize;
        if ((long)samples * targetSize != targetsLength)
        {
            throw new ArgumentException(
                $"Expected {(long)samples * targetSize} values in targets ({samples} samples × {targetSize}), but got {targetsLength}.", "targets");
        }

        Length(gradientsLength, parameterCount, "gradients");
        if (outputsLength != 0 && (long)samples * outputSize != outputsLength)
        {
            throw new ArgumentException(
                $"Expected 0 or {(long)samples * outputSize} values in outputs ({samples} samples × OutputSize {outputSize}), but got {outputsLength}.", "outputs");
        }

        return samples;
    }

    [DoesNotReturn]
    private static void ThrowLength(int actual, int expected, string parameterName)
        => throw new ArgumentException($"Expected {expected} values in {parameterName}, but got {actual}.", parameterName);
}
