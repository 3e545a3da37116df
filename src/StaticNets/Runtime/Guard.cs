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

    [DoesNotReturn]
    private static void ThrowLength(int actual, int expected, string parameterName)
        => throw new ArgumentException($"Expected {expected} values in {parameterName}, but got {actual}.", parameterName);
}
