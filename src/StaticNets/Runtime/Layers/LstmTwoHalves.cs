using System;
using System.Diagnostics;
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
/// Nothing waits long for the companion. Every step is two tasks: the caller's half, and the second half, which a
/// helper claims once its inputs are ready, or else the caller when it has finished its own. A helper that is asleep,
/// busy elsewhere or late leaves the caller to run the call alone, at one core's speed. A helper stalled in the middle
/// of a half (its thread, or on a VM its whole processor, set aside by a scheduler) is overtaken: after waiting twice
/// as long as its own half took, the caller computes that half too, and whichever finishes first publishes it (each
/// computes into buffers of its own, and c as well as h alternate between two rows by step, so a late finisher changes
/// nothing). Claims and progress carry a call number, so a helper that arrives after its call has ended claims nothing.
/// </para>
/// <para>
/// Each unit's arithmetic is <see cref="LstmOneSample"/>'s (one fused multiply-add per row of the kernel in order, from
/// its projection, then <see cref="LstmCell.Update"/>), whoever runs it, so the bits are those of one core and of the
/// batch path.
/// </para>
/// </remarks>
internal sealed unsafe class LstmTwoHalves : IThreadPoolWorkItem
{
    /// <summary>A fresh call object (each thread keeps its own; tests make their own to check the choice of way).</summary>
    internal LstmTwoHalves()
    {
    }

    /// <summary>The smallest and largest layers taken: below, a hand-off costs more than half a step saves; above, the packed halves outgrow L2.</summary>
    private const int MinUnits = 64, MaxUnits = 256, MinSteps = 4;

    /// <summary><c>AppContext.SetSwitch</c> name that keeps every single-sample LSTM on the caller's thread.</summary>
    public const string OneThreadSwitch = "StaticNets.Predict.OneThread";

    private static readonly bool s_oneThread = AppContext.TryGetSwitch(OneThreadSwitch, out bool set) && set;

    [ThreadStatic]
    private static LstmTwoHalves? t_call;

    /// <summary>Tests turn this off to run every second half on the caller, as when no helper comes.</summary>
    internal static bool OffersHalves { get; set; } = true;

    /// <summary>Tests set this to hold a helper up (in microseconds) before it runs a given step, as a stalled processor would.</summary>
    internal static Func<int, int>? HelperStall { get; set; }

    // Progress, each word (call number << 32 | count) on a cache line of its own: claims of second halves, first and
    // second halves done, and second halves published (the race a stalled helper and the caller may both run); then
    // whether a helper is inside a half (1) or not (0).
    private readonly long[] _words = new long[5 * 16];
    private const int ClaimWord = 0, DoneFirstWord = 16, DoneSecondWord = 32, PublishWord = 48, InsideWord = 64;

    private const int Caller = 0, Helper = 1;

    /// <summary>How many times its own half's time the caller waits for a claimed second half before running it too.</summary>
    private const int StallFactor = 2;

    private int _call;
    private Recurrence _r;
    private float* _kernel, _z, _mask;
    private int _maskLength;
    private Buffers _buffers;

    /// <summary>Whether this runs the layer: the default activations, whole vectors in each half, a layer worth two cores.</summary>
    public static bool Applies(Activation activation, Activation recurrentActivation, int units, int steps)
        => !s_oneThread && !CallerThread.Required && PredictionShard.IsUseful && LstmCell.Applies(activation, recurrentActivation)
            && units >= MinUnits && units <= MaxUnits && steps >= MinSteps && units % (2 * WidestVector) == 0;

    private static int WidestVector => Vector512.IsHardwareAccelerated ? Vector512<float>.Count
        : Vector256.IsHardwareAccelerated ? Vector256<float>.Count : Vector128<float>.Count;

    /// <summary>
    /// Projects x (into z, steps × 4·units) and runs every step of <paramref name="r"/> (one sample) from h and c (the
    /// starting state, left holding the last), writing the outputs to y: on two cores or on this one (with
    /// <see cref="LstmOneSample"/>), whichever has been faster on this thread lately. Both give the same bits.
    /// </summary>
    /// <remarks>
    /// Two cores pay only when both really run: on a VM whose host takes a processor away now and then, every step waits
    /// for the slower half, and the median call was measured slower than on one core (129 against 103 µs, while 72-88 µs
    /// against 100-109 with both processors free). So each thread keeps a running average of its call times each way,
    /// takes the faster, and tries the other every <see cref="ExploreEvery"/> calls.
    /// </remarks>
    public static void RunFasterWay(
        in Recurrence r, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> recurrentKernel,
        ReadOnlySpan<float> mask, Span<float> y, Span<float> z, Span<float> h, Span<float> c, Span<float> activated)
    {
        LstmTwoHalves call = t_call ??= new LstmTwoHalves();
        bool two = call.TwoCoresNext(r.Units);
        long started = Stopwatch.GetTimestamp();
        if (two)
        {
            Run(r, x, kernel, bias, recurrentKernel, mask, y, z, h, c);
        }
        else
        {
            r.ProjectInputs(x, kernel, bias, z);
            LstmOneSample.Run(r, recurrentKernel, mask, y, z, h, c, activated);
        }

        call.Record(r.Units, two, Stopwatch.GetTimestamp() - started);
    }

    /// <summary>Calls between tries of the way not taken.</summary>
    private const int ExploreEvery = 16;

    // Per layer size (units / 16; sizes are multiples of 16 up to MaxUnits): running averages (ticks) of this thread's
    // calls on two cores and on one (0: none yet), and the calls made.
    private readonly double[] _twoTicks = new double[MaxUnits / 16 + 1], _oneTicks = new double[MaxUnits / 16 + 1];
    private readonly int[] _calls = new int[MaxUnits / 16 + 1];

    /// <summary>Tests set this to take one way always (true: two cores; false: one) instead of the faster one.</summary>
    internal static bool? ForcedWay { get; set; }

    /// <summary>Whether this thread's next call takes two cores: the faster way so far, the other one every <see cref="ExploreEvery"/> calls.</summary>
    internal bool TwoCoresNext(int units)
    {
        if (ForcedWay is { } forced)
        {
            return forced;
        }

        // Two cores first; then one core once; then the faster.
        int size = units / 16;
        bool twoFaster = _twoTicks[size] == 0 || (_oneTicks[size] != 0 && _twoTicks[size] <= _oneTicks[size]);
        return ++_calls[size] % ExploreEvery == 0 ? !twoFaster : twoFaster;
    }

    /// <summary>Adds a call's time to its way's running average for layers of <paramref name="units"/>.</summary>
    internal void Record(int units, bool two, long ticks)
    {
        ref double average = ref two ? ref _twoTicks[units / 16] : ref _oneTicks[units / 16];
        average = average == 0 ? ticks : average + (ticks - average) / 8;
    }

    /// <summary>
    /// Projects x (into z, steps × 4·units) and runs every step of <paramref name="r"/> (one sample) on two cores, from h
    /// and c (the starting state, left holding the last), writing the outputs to y.
    /// </summary>
    private static void Run(
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
        if (_buffers.Units != r.Units)
        {
            // Laid out for this layer in the array kept from earlier calls, if it is large enough (a network with LSTM
            // layers of two sizes then allocates once, not per call).
            _buffers = new Buffers(r.Units, _buffers.Array);
        }

        _r = r;
        _kernel = kernel;
        _z = z;
        _mask = mask;
        _maskLength = maskLength;
        _call++;
        // Everything else first, then the claim word, which publishes the call to helpers.
        Volatile.Write(ref _words[DoneSecondWord], Word(_call, 0));
        Volatile.Write(ref _words[PublishWord], Word(_call, 0));
        Volatile.Write(ref _words[DoneFirstWord], Word(_call - 1, int.MaxValue));
        Interlocked.Exchange(ref _words[ClaimWord], Word(_call, 0));
    }

    private void Finish()
    {
        // Whatever happened, no helper may claim a task of this call from now on; and one still inside a half it lost
        // to the caller reads the call's buffers until it leaves.
        long claim = Volatile.Read(ref _words[ClaimWord]);
        while ((int)(claim >> 32) == _call && Interlocked.CompareExchange(ref _words[ClaimWord], Word(_call, int.MaxValue), claim) != claim)
        {
            claim = Volatile.Read(ref _words[ClaimWord]);
        }

        for (int spins = 1; Volatile.Read(ref _words[InsideWord]) != 0; spins++)
        {
            if ((spins & 63) == 0) Thread.Yield(); else Thread.SpinWait(4);
        }
    }

    private static long Word(int call, int count) => ((long)call << 32) | (uint)count;

    /// <summary>The caller's side: its half of every step, and the second half of every step no helper has run in time.</summary>
    private void RunAsCaller(Span<float> y, ReadOnlySpan<float> mask, Span<float> h, Span<float> c)
    {
        Recurrence r = _r;
        int half = r.Units / 2, call = _call;
        h.CopyTo(_buffers.H(0));
        c.Slice(0, half).CopyTo(_buffers.C(0, 0));
        c.Slice(half, half).CopyTo(_buffers.C(1, 0));
        // z is ready: a helper waiting for the first step may claim it now.
        Volatile.Write(ref _words[DoneFirstWord], Word(call, 0));
        Pack(0);
        for (int k = 0; k < r.Steps; k++)
        {
            long started = Stopwatch.GetTimestamp();
            StepHalf(0, k, Caller);
            long firstHalf = Stopwatch.GetTimestamp() - started;
            Volatile.Write(ref _words[DoneFirstWord], Word(call, k + 1));
            bool claimed = Interlocked.CompareExchange(ref _words[ClaimWord], Word(call, k + 1), Word(call, k)) == Word(call, k);
            if (!claimed && !WaitFor(DoneSecondWord, Word(call, k + 1), call, Stopwatch.GetTimestamp() + StallFactor * firstHalf))
            {
                // The helper has taken longer than twice this half: run it here too.
                claimed = true;
            }

            if (claimed)
            {
                // The second half's columns are packed by whoever runs its first step (a helper overtaken there may be
                // packing them too: the same values). Later steps find them packed: step 0's half was published.
                if (k == 0)
                {
                    Pack(1);
                }

                RunSecondHalf(call, k, Caller);
                WaitFor(DoneSecondWord, Word(call, k + 1), call);
            }

            r.Output(y, mask, 0, k, _buffers.H((k + 1) & 1));
        }

        _buffers.H(r.Steps & 1).CopyTo(h);
        _buffers.C(0, r.Steps & 1).CopyTo(c.Slice(0, half));
        _buffers.C(1, r.Steps & 1).CopyTo(c.Slice(half, half));
    }

    /// <summary>
    /// A helper's side: waits until the next second half's inputs are ready, then claims and runs it, until the call has
    /// no more. It claims only when it can run at once, so a helper the scheduler sets aside while waiting holds nothing
    /// up: the caller claims that half itself. One helper at a time works on a call object (a second one, say from the
    /// thread pool, leaves at once), and the caller does not return while a helper is inside a half.
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

            if (!WaitFor(DoneFirstWord, Word(call, k), call) || !WaitFor(DoneSecondWord, Word(call, k), call)
                || Interlocked.CompareExchange(ref _words[InsideWord], 1, 0) != 0)
            {
                return;
            }

            long seen = Interlocked.CompareExchange(ref _words[ClaimWord], Word(call, k + 1), claim);
            if (seen != claim)
            {
                // The caller took it (or the call ended): look again from where the claims are.
                Volatile.Write(ref _words[InsideWord], 0);
                claim = seen;
                continue;
            }

            try
            {
                if (HelperStall?.Invoke(k) is > 0 and int microseconds)
                {
                    long until = Stopwatch.GetTimestamp() + microseconds * Stopwatch.Frequency / 1_000_000;
                    while (Stopwatch.GetTimestamp() < until)
                    {
                        Thread.SpinWait(8);
                    }
                }

                // The first claimer of the second half packs the kernel columns it reads (the caller, overtaking it,
                // packs the same values again).
                if (k == 0)
                {
                    Pack(1);
                }

                RunSecondHalf(call, k, Helper);
            }
            finally
            {
                Volatile.Write(ref _words[InsideWord], 0);
            }

            claim = Word(call, k + 1);
        }
    }

    /// <summary>
    /// Step <paramref name="k"/>'s second half into <paramref name="runner"/>'s own buffers, then, if no one has yet,
    /// published: copied to the shared rows and reported done.
    /// </summary>
    private void RunSecondHalf(int call, int k, int runner)
    {
        int half = _r.Units / 2;
        StepHalf(1, k, runner);
        if (Interlocked.CompareExchange(ref _words[PublishWord], Word(call, k + 1), Word(call, k)) == Word(call, k))
        {
            int next = (k + 1) & 1;
            _buffers.NewC(runner).CopyTo(_buffers.C(1, next));
            _buffers.NewH(runner).CopyTo(_buffers.H(next).Slice(half, half));
            Volatile.Write(ref _words[DoneSecondWord], Word(call, k + 1));
        }
    }

    /// <summary>
    /// Spins (yielding now and then, in case the thread it waits for shares this CPU) until the word reaches
    /// <paramref name="target"/>; false if call <paramref name="call"/> ended first (its caller failed before starting the
    /// step) or the clock passed <paramref name="until"/>.
    /// </summary>
    private bool WaitFor(int word, long target, int call, long until = long.MaxValue)
    {
        for (int spins = 0; Volatile.Read(ref _words[word]) < target; spins++)
        {
            if ((spins & 15) != 15)
            {
                Thread.SpinWait(4);
                continue;
            }

            if (Volatile.Read(ref _words[ClaimWord]) == Word(call, int.MaxValue) || Stopwatch.GetTimestamp() > until)
            {
                return false;
            }

            if ((spins & 63) == 63)
            {
                Thread.Yield();
            }
        }

        return true;
    }

    /// <summary>Half <paramref name="part"/>'s columns of the kernel: row p holds its units' columns of gate i, then f, g and o.</summary>
    private void Pack(int part)
    {
        int u = _r.Units, half = u / 2, w = 4 * u;
        Span<float> packed = _buffers.Packed(part);
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
    /// Half <paramref name="part"/> of step <paramref name="k"/> from h and c (rows k mod 2): the first half straight into
    /// rows k+1 mod 2, the second into <paramref name="runner"/>'s own c and h (carried over a masked step).
    /// </summary>
    private void StepHalf(int part, int k, int runner)
    {
        Recurrence r = _r;
        int u = r.Units, half = u / 2, t = r.Time(k), previous = k & 1, next = (k + 1) & 1;
        Span<float> hPrevious = _buffers.H(previous);
        Span<float> cNew = part == 0 ? _buffers.C(0, next) : _buffers.NewC(runner);
        Span<float> hNew = part == 0 ? _buffers.H(next).Slice(0, half) : _buffers.NewH(runner);
        if (_maskLength != 0 && _mask[t] == 0f)
        {
            _buffers.C(part, previous).CopyTo(cNew);
            hPrevious.Slice(part * half, half).CopyTo(hNew);
            return;
        }

        Span<float> gates = _buffers.Gates(runner);
        var z = new ReadOnlySpan<float>(_z + (nint)t * r.Width, r.Width);
        for (int gate = 0; gate < 4; gate++)
        {
            z.Slice(gate * u + part * half, half).CopyTo(gates.Slice(gate * half, half));
        }

        ref float h = ref MemoryMarshal.GetReference(hPrevious);
        ref float rows = ref MemoryMarshal.GetReference(_buffers.Packed(part));
        ref float g = ref MemoryMarshal.GetReference(gates);
        if (Vector512.IsHardwareAccelerated) Products<Vector512Ops, Vector512<float>>(ref h, ref rows, ref g, u);
        else if (Vector256.IsHardwareAccelerated) Products<Vector256Ops, Vector256<float>>(ref h, ref rows, ref g, u);
        else Products<Vector128Ops, Vector128<float>>(ref h, ref rows, ref g, u);

        LstmCell.Update(gates, _buffers.C(part, previous), cNew, _buffers.Activated(runner), hNew, half);
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

    /// <summary>
    /// One pinned array, each region starting a cache line: per half, its packed columns (units × 2·units) and c as two
    /// rows (by step parity); per runner (caller, helper), a step's gates (2·units), tanh(c), and the second half's new c
    /// and h; and h as two rows.
    /// </summary>
    private readonly struct Buffers
    {
        private readonly int _origin, _half, _packed, _cells, _gates, _activated, _newC, _newH, _h;

        public Buffers(int units, float[]? array)
        {
            Units = units;
            _half = units / 2;
            int line = ParameterArray.Alignment / sizeof(float);
            int Lines(int floats) => (floats + line - 1) / line * line;
            int offset = 0;
            int Take(int floats)
            {
                int start = offset;
                offset += Lines(floats);
                return start;
            }

            _packed = Take(2 * units * 2 * units);
            _cells = Take(4 * Lines(_half));
            _gates = Take(2 * Lines(2 * units));
            _activated = Take(2 * Lines(_half));
            _newC = Take(2 * Lines(_half));
            _newH = Take(2 * Lines(_half));
            _h = Take(2 * Lines(units));
            Array = array is not null && array.Length >= offset + line ? array : GC.AllocateArray<float>(offset + line, pinned: true);
            nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Array));
            _origin = (int)((ParameterArray.Alignment - (address & (ParameterArray.Alignment - 1))) & (ParameterArray.Alignment - 1)) / sizeof(float);
            _lineFloats = line;
        }

        /// <summary>The pinned array (kept for the next layout).</summary>
        public float[]? Array { get; }

        private readonly int _lineFloats;

        public int Units { get; }

        private int Stride(int floats) => (floats + _lineFloats - 1) / _lineFloats * _lineFloats;

        private Span<float> At(int offset, int length) => new(Array, _origin + offset, length);

        public Span<float> Packed(int part) => At(_packed + part * Units * 2 * Units, Units * 2 * Units);

        public Span<float> C(int part, int parity) => At(_cells + (2 * part + parity) * Stride(_half), _half);

        public Span<float> Gates(int runner) => At(_gates + runner * Stride(2 * Units), 2 * Units);

        public Span<float> Activated(int runner) => At(_activated + runner * Stride(_half), _half);

        public Span<float> NewC(int runner) => At(_newC + runner * Stride(_half), _half);

        public Span<float> NewH(int runner) => At(_newH + runner * Stride(_half), _half);

        public Span<float> H(int parity) => At(_h + parity * Stride(Units), Units);
    }
}
