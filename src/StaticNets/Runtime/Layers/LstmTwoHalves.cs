using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading;

namespace StaticNets.Runtime;

/// <summary>
/// The LSTM recurrence of one sample on two cores: the caller takes the first half of the units (all four gates'
/// columns for them), <see cref="CompanionThread"/> the second, and each step ends when both halves of h are written.
/// </summary>
/// <remarks>
/// <para>
/// A step reads the whole recurrent kernel from L2 (256 KB at 128 units), so one core is bound by its L2's bandwidth.
/// Each core here packs its half of the columns once per call (128 KB, rows of the four gates' segments side by side)
/// and keeps it in its own L2; a step then costs each core half the reads. Measured on the 2-vCPU AVX2 machine: the
/// products of 28 steps took 44-48 µs on two cores against 84 µs on one.
/// </para>
/// <para>
/// Nothing waits for the companion to start. Every step is two tasks: the caller's half, and the second half, which
/// whoever claims it first runs (the companion claims the next one as soon as it finishes one, the caller when it has
/// finished its own and the second is still unclaimed). A companion that is asleep, busy or late leaves the caller to
/// run the call alone, at one core's speed. Claims and progress carry a call number, so a helper that arrives after its
/// call has ended claims nothing.
/// </para>
/// <para>
/// Each unit's arithmetic is <see cref="LstmOneSample"/>'s (one fused multiply-add per row of the kernel in order, from
/// its projection, then <see cref="LstmCell.Update"/>), whoever runs it, so the bits are those of one core and of the
/// batch path.
/// </para>
/// </remarks>
internal sealed unsafe class LstmTwoHalves : IThreadPoolWorkItem
{
    /// <summary>The smallest and largest layers taken: below, a hand-off costs more than half a step saves; above, the packed halves outgrow L2.</summary>
    private const int MinUnits = 64, MaxUnits = 256, MinSteps = 4;

    /// <summary><c>AppContext.SetSwitch</c> name that keeps every single-sample LSTM on the caller's thread.</summary>
    public const string OneThreadSwitch = "StaticNets.Predict.OneThread";

    private static readonly bool s_oneThread = AppContext.TryGetSwitch(OneThreadSwitch, out bool set) && set;

    [ThreadStatic]
    private static LstmTwoHalves? t_call;

    /// <summary>Tests turn this off to run every second half on the caller, as when no helper comes.</summary>
    internal static bool OffersHalves { get; set; } = true;

    // Progress, each word (call number << 32 | count) on a cache line of its own.
    private readonly long[] _words = new long[3 * 16];
    private const int ClaimWord = 0, DoneFirstWord = 16, DoneSecondWord = 32;

    private int _call;
    private Recurrence _r;
    private float* _kernel, _z, _mask;
    private int _maskLength;

    // Per half: packed kernel columns (units rows × 2·units), the step's gates (2·units), c, tanh(c) (units / 2 each);
    // h as two rows (ping-pong by step).
    private float[]? _buffer;
    private int _bufferUnits;
    private int _origin;

    /// <summary>Whether this runs the layer: the default activations, whole vectors in each half, a layer worth two cores.</summary>
    public static bool Applies(Activation activation, Activation recurrentActivation, int units, int steps)
        => !s_oneThread && !CallerThread.Required && PredictionShard.IsUseful && LstmCell.Applies(activation, recurrentActivation)
            && units >= MinUnits && units <= MaxUnits && steps >= MinSteps && units % (2 * WidestVector) == 0;

    private static int WidestVector => Vector512.IsHardwareAccelerated ? Vector512<float>.Count
        : Vector256.IsHardwareAccelerated ? Vector256<float>.Count : Vector128<float>.Count;

    /// <summary>
    /// Projects x (into z, steps × 4·units) and runs every step of <paramref name="r"/> (one sample) from h and c (the
    /// starting state, left holding the last), writing the outputs to y.
    /// </summary>
    public static void Run(
        in Recurrence r, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> recurrentKernel,
        ReadOnlySpan<float> mask, Span<float> y, Span<float> z, Span<float> h, Span<float> c)
    {
        LstmTwoHalves call = t_call ??= new LstmTwoHalves();
        fixed (float* pk = recurrentKernel, pz = z, pm = mask)
        {
            call.Start(r, pk, pz, pm, mask.Length);
            if (OffersHalves)
            {
                CompanionThread.Post(call);
            }

            try
            {
                r.ProjectInputs(x, kernel, bias, z);
                call.RunAsCaller(y, mask, h, c);
            }
            finally
            {
                call.Finish();
            }
        }
    }

    private void Start(in Recurrence r, float* kernel, float* z, float* mask, int maskLength)
    {
        int u = r.Units;
        if (_bufferUnits != u)
        {
            // Per half: packed (u · 2u), gates (2u), c and tanh(c) (u / 2 each); then two rows of h. Slack to align.
            int floats = 2 * (u * 2 * u + 2 * u + u) + 2 * u + 16;
            _buffer = GC.AllocateArray<float>(floats, pinned: true);
            nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_buffer));
            _origin = (int)((ParameterArray.Alignment - (address & (ParameterArray.Alignment - 1))) & (ParameterArray.Alignment - 1)) / sizeof(float);
            _bufferUnits = u;
        }

        _r = r;
        _kernel = kernel;
        _z = z;
        _mask = mask;
        _maskLength = maskLength;
        _call++;
        // The second half's progress first, then the claim word, which publishes the call to helpers.
        Volatile.Write(ref _words[DoneSecondWord], Word(_call, 0));
        Volatile.Write(ref _words[DoneFirstWord], Word(_call - 1, int.MaxValue));
        Interlocked.Exchange(ref _words[ClaimWord], Word(_call, 0));
    }

    private void Finish()
    {
        // Whatever happened, no helper may claim a task of this call from now on.
        long claim = Volatile.Read(ref _words[ClaimWord]);
        while ((int)(claim >> 32) == _call && Interlocked.CompareExchange(ref _words[ClaimWord], Word(_call, int.MaxValue), claim) != claim)
        {
            claim = Volatile.Read(ref _words[ClaimWord]);
        }
    }

    private static long Word(int call, int count) => ((long)call << 32) | (uint)count;

    /// <summary>The caller's side: its half of every step, and the second half of every step no helper has claimed.</summary>
    private void RunAsCaller(Span<float> y, ReadOnlySpan<float> mask, Span<float> h, Span<float> c)
    {
        Recurrence r = _r;
        int u = r.Units, half = u / 2, call = _call;
        h.CopyTo(HRow(0));
        c.Slice(0, half).CopyTo(CellState(0));
        c.Slice(half, half).CopyTo(CellState(1));
        // z is ready: a helper that claimed the first step may run it now.
        Volatile.Write(ref _words[DoneFirstWord], Word(call, 0));
        Pack(0);
        for (int k = 0; k < r.Steps; k++)
        {
            StepHalf(0, k);
            Volatile.Write(ref _words[DoneFirstWord], Word(call, k + 1));
            if (Interlocked.CompareExchange(ref _words[ClaimWord], Word(call, k + 1), Word(call, k)) == Word(call, k))
            {
                // Unclaimed: run it here (its previous step is done: this loop waited for it).
                if (k == 0)
                {
                    Pack(1);
                }

                StepHalf(1, k);
                Volatile.Write(ref _words[DoneSecondWord], Word(call, k + 1));
            }
            else
            {
                WaitFor(DoneSecondWord, Word(call, k + 1), call);
            }

            r.Output(y, mask, 0, k, HRow((k + 1) & 1));
        }

        HRow(r.Steps & 1).CopyTo(h);
        CellState(0).CopyTo(c.Slice(0, half));
        CellState(1).CopyTo(c.Slice(half, half));
    }

    /// <summary>
    /// A helper's side: waits until the next second half's inputs are ready, then claims and runs it, until the call has
    /// no more. It claims only when it can run at once, so a helper the scheduler sets aside while waiting holds nothing
    /// up: the caller claims that half itself.
    /// </summary>
    void IThreadPoolWorkItem.Execute()
    {
        long claim = Volatile.Read(ref _words[ClaimWord]);
        int call = (int)(claim >> 32);
        while (true)
        {
            int k = (int)claim;
            if ((int)(claim >> 32) != call || k >= _r.Steps)
            {
                return;
            }

            if (!WaitFor(DoneFirstWord, Word(call, k), call) || !WaitFor(DoneSecondWord, Word(call, k), call))
            {
                return;
            }

            long seen = Interlocked.CompareExchange(ref _words[ClaimWord], Word(call, k + 1), claim);
            if (seen != claim)
            {
                // The caller took it (or the call ended): look again from where the claims are.
                claim = seen;
                continue;
            }

            // The first claimer of the second half packs the kernel columns it reads.
            if (k == 0)
            {
                Pack(1);
            }

            StepHalf(1, k);
            Volatile.Write(ref _words[DoneSecondWord], Word(call, k + 1));
            claim = Word(call, k + 1);
        }
    }

    /// <summary>
    /// Spins (yielding now and then, in case the thread it waits for shares this CPU) until the word reaches
    /// <paramref name="target"/>; false if call <paramref name="call"/> ended first (its caller failed before starting the step).
    /// </summary>
    private bool WaitFor(int word, long target, int call)
    {
        for (int spins = 0; Volatile.Read(ref _words[word]) < target; spins++)
        {
            if ((spins & 63) != 63)
            {
                Thread.SpinWait(4);
                continue;
            }

            if (Volatile.Read(ref _words[ClaimWord]) == Word(call, int.MaxValue))
            {
                return false;
            }

            Thread.Yield();
        }

        return true;
    }

    private ref float Base => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer!), _origin);

    private int PerHalf => _bufferUnits * 2 * _bufferUnits + 2 * _bufferUnits + _bufferUnits;

    private Span<float> Packed(int part) => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Base, part * PerHalf), _bufferUnits * 2 * _bufferUnits);

    private Span<float> Gates(int part) => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Base, part * PerHalf + _bufferUnits * 2 * _bufferUnits), 2 * _bufferUnits);

    private Span<float> CellState(int part) => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Base, part * PerHalf + _bufferUnits * 2 * _bufferUnits + 2 * _bufferUnits), _bufferUnits / 2);

    private Span<float> Activated(int part) => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Base, part * PerHalf + _bufferUnits * 2 * _bufferUnits + 2 * _bufferUnits + _bufferUnits / 2), _bufferUnits / 2);

    private Span<float> HRow(int parity) => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Base, 2 * PerHalf + parity * _bufferUnits), _bufferUnits);

    /// <summary>Half <paramref name="part"/>'s columns of the kernel: row p holds its units' columns of gate i, then f, g and o.</summary>
    private void Pack(int part)
    {
        int u = _r.Units, half = u / 2, w = 4 * u;
        Span<float> packed = Packed(part);
        var kernel = new ReadOnlySpan<float>(_kernel, u * w);
        for (int p = 0; p < u; p++)
        {
            for (int gate = 0; gate < 4; gate++)
            {
                kernel.Slice(p * w + gate * u + part * half, half).CopyTo(packed.Slice((p * 4 + gate) * half, half));
            }
        }
    }

    /// <summary>
    /// Half <paramref name="part"/> of step <paramref name="k"/>: from h (row k mod 2) to its units of h (row k+1 mod 2),
    /// carrying them over a masked step.
    /// </summary>
    private void StepHalf(int part, int k)
    {
        Recurrence r = _r;
        int u = r.Units, half = u / 2, t = r.Time(k);
        Span<float> previous = HRow(k & 1), next = HRow((k + 1) & 1);
        if (_maskLength != 0 && _mask[t] == 0f)
        {
            previous.Slice(part * half, half).CopyTo(next.Slice(part * half, half));
            return;
        }

        Span<float> gates = Gates(part);
        var z = new ReadOnlySpan<float>(_z + (nint)t * r.Width, r.Width);
        for (int gate = 0; gate < 4; gate++)
        {
            z.Slice(gate * u + part * half, half).CopyTo(gates.Slice(gate * half, half));
        }

        ref float h = ref MemoryMarshal.GetReference(previous);
        ref float rows = ref MemoryMarshal.GetReference(Packed(part));
        ref float g = ref MemoryMarshal.GetReference(gates);
        if (Vector512.IsHardwareAccelerated) Products<Vector512Ops, Vector512<float>>(ref h, ref rows, ref g, u);
        else if (Vector256.IsHardwareAccelerated) Products<Vector256Ops, Vector256<float>>(ref h, ref rows, ref g, u);
        else Products<Vector128Ops, Vector128<float>>(ref h, ref rows, ref g, u);

        Span<float> state = CellState(part);
        LstmCell.Update(gates, state, state, Activated(part), next.Slice(part * half, half), half);
    }

    /// <summary><c>gates += h · packed</c> over every row, a row of 2·units floats at a time, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Products<TOps, TVector>(ref float h, ref float rows, ref float gates, int u)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int w = 2 * u;
        for (int p = 0; p < u; p += 4)
        {
            LstmOneSample.Pass<TOps, TVector>(ref Unsafe.Add(ref h, p), ref Unsafe.Add(ref rows, p * w), ref gates, w);
        }
    }
}
