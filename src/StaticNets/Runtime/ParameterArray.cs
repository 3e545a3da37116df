using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Runtime;

/// <summary>
/// A generated network's weights (and a stream's <c>State</c>): a pinned array (it never moves) whose float at <see cref="Origin"/> starts a cache
/// line, so every weight block at a multiple of 16 floats from the start is aligned for the widest vector loads.
/// </summary>
/// <remarks>
/// A streamed step's products read each weight once per step from L1; where the loads straddle cache lines (an array's
/// data starts 16 bytes into its object, wherever the GC put it) they cost up to a third more, and which networks paid
/// that changed from run to run.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ParameterArray
{
    /// <summary>Bytes the first float is aligned to: a cache line.</summary>
    public const int Alignment = 64;

    private readonly float[] _array;
    private readonly int _origin;

    /// <summary>Zeros for <paramref name="length"/> floats, the first at a cache line's start.</summary>
    public unsafe ParameterArray(int length)
    {
        const int Spare = Alignment / sizeof(float) - 1;
        _array = GC.AllocateArray<float>(length + Spare, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array));
        _origin = (int)((Alignment - (address & (Alignment - 1))) & (Alignment - 1)) / sizeof(float);
    }

    /// <summary>The first float.</summary>
    public ref float Origin => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _origin);

    /// <summary>Floats <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/>, live.</summary>
    public Span<float> Slice(int start, int length) => new(_array, _origin + start, length);
}
