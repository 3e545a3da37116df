using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace StaticNets;

/// <summary>
/// Keras 2's <c>Progbar</c> (tf-keras <c>utils/generic_utils.py</c>, width 30, <c>interval</c> 0.05 s) as
/// <c>ProgbarLogger</c> drives it in <c>fit</c>: one bar per epoch, every value shown as given (Keras treats the
/// loss and compiled metrics as stateful), <c>unit_name</c> "step".
/// </summary>
/// <remarks>
/// <para>
/// verbose 1, dynamic display (a terminal): each update that is not throttled rewrites the line in place with
/// Keras's bytes, <c>"\b" × previous width + "\r" + bar + info</c>, padded with spaces to the previous width, and the
/// final update ends the line. Line mode (output redirected): the same updates, throttling and timing run, but only
/// the final text of each epoch is written, without the backspaces, carriage return and padding that only serve to
/// overwrite a line. (Keras 2's own non-dynamic mode starts every throttled update on a new line, which in a log file
/// means one line per 50 ms; on Linux it never takes that path, because <c>"posix" in sys.modules</c> makes its
/// display dynamic even when redirected.)
/// </para>
/// <para>verbose 2: one line per epoch, <c>32/32 - 0s - loss: … - 58ms/epoch - 2ms/step</c>.</para>
/// </remarks>
internal sealed class KerasProgressBar
{
    private const int Width = 30;
    private const double Interval = 0.05;

    private readonly int _target;
    private readonly int _verbose;
    private readonly TextWriter _writer;
    private readonly bool _dynamicDisplay;
    private readonly Func<double> _clock;
    private readonly TrainingLogs _values = new();
    private readonly double _start;
    private readonly StringBuilder _message = new();
    private int _totalWidth;
    private double _lastUpdate = double.NegativeInfinity;
    private double _timeAtEpochStart;
    private double? _timeAtEpochEnd;
    private double? _timeAfterFirstStep;

    /// <summary>Starts a bar for <paramref name="target"/> steps; the clock is read now as the epoch's start.</summary>
    public KerasProgressBar(int target, int verbose, TextWriter writer, bool dynamicDisplay, Func<double> clock)
    {
        _target = target;
        _verbose = verbose;
        _writer = writer;
        _dynamicDisplay = dynamicDisplay;
        _clock = clock;
        _start = clock();
        _timeAtEpochStart = _start;
    }

    /// <summary>Keras <c>Progbar.update(current, values, finalize)</c>.</summary>
    public void Update(int current, TrainingLogs values, bool finalize)
    {
        for (int i = 0; i < values.Count; i++) _values.Set(values.KeyAt(i), values.ValueAt(i));

        double now = _clock();
        if (current == _target) _timeAtEpochEnd = now;

        if (_verbose == 1)
        {
            if (now - _lastUpdate < Interval && !finalize) return;
            WriteBar(current, now, finalize);
        }
        else if (_verbose == 2 && finalize)
        {
            WriteEpochLine(current, now);
        }

        _lastUpdate = now;
    }

    private void WriteBar(int current, double now, bool finalize)
    {
        int previousWidth = _totalWidth;
        var bar = new StringBuilder();
        bar.Append(current.ToString(CultureInfo.InvariantCulture).PadLeft(Digits(_target)))
            .Append('/').Append(_target.ToString(CultureInfo.InvariantCulture)).Append(" [");
        int progressWidth = (int)(Width * ((double)current / _target));
        if (progressWidth > 0)
        {
            bar.Append('=', progressWidth - 1);
            bar.Append(current < _target ? '>' : '=');
        }

        bar.Append('.', Math.Max(0, Width - progressWidth));
        bar.Append(']');
        _totalWidth = bar.Length;

        double timePerUnit = EstimateStepDuration(current, now);
        var info = new StringBuilder();
        if (finalize)
        {
            info.Append(" - ").Append(PythonFormat.Fixed(now - _start, 0)).Append('s');
            info.Append(FormatTime(timePerUnit, "step"));
        }
        else
        {
            info.Append(" - ETA: ").Append(FormatEta(timePerUnit * (_target - current)));
        }

        for (int i = 0; i < _values.Count; i++)
        {
            info.Append(" - ").Append(_values.KeyAt(i)).Append(": ").Append(PythonFormat.Metric(_values.ValueAt(i)));
        }

        _totalWidth += info.Length;
        if (!_dynamicDisplay && !finalize) return;

        _message.Clear();
        if (_dynamicDisplay)
        {
            _message.Append('\b', previousWidth).Append('\r');
            _message.Append(bar).Append(info);
            if (previousWidth > _totalWidth) _message.Append(' ', previousWidth - _totalWidth);
        }
        else
        {
            _message.Append(bar).Append(info);
        }

        if (finalize) _message.Append('\n');
        _writer.Write(_message.ToString());
        _writer.Flush();
    }

    private void WriteEpochLine(int current, double now)
    {
        var info = new StringBuilder();
        info.Append(current.ToString(CultureInfo.InvariantCulture).PadLeft(Digits(_target)))
            .Append('/').Append(_target.ToString(CultureInfo.InvariantCulture));
        info.Append(" - ").Append(PythonFormat.Fixed(now - _start, 0)).Append('s');
        for (int i = 0; i < _values.Count; i++)
        {
            // Keras's verbose-2 branch tests `avg > 1e-3` without abs(), so negative values print in %.4e.
            double value = _values.ValueAt(i);
            info.Append(" - ").Append(_values.KeyAt(i)).Append(": ")
                .Append(value > 1e-3 ? PythonFormat.Fixed(value, 4) : PythonFormat.Scientific(value, 4));
        }

        if (_timeAtEpochEnd is double end)
        {
            double timePerEpoch = end - _timeAtEpochStart;
            double timePerStep = timePerEpoch / _target;
            _timeAtEpochStart = now;
            _timeAtEpochEnd = null;
            info.Append(" -").Append(FormatTime(timePerEpoch, "epoch"));
            info.Append(" -").Append(FormatTime(timePerStep, "step"));
            info.Append('\n');
        }

        _writer.Write(info.ToString());
        _writer.Flush();
    }

    /// <summary>Keras <c>_estimate_step_duration</c>: ignores the first step once there are more.</summary>
    private double EstimateStepDuration(int current, double now)
    {
        if (current == 0) return 0;
        double timePerUnit = _timeAfterFirstStep is double afterFirst && current > 1
            ? (now - afterFirst) / (current - 1)
            : (now - _start) / current;
        if (current == 1) _timeAfterFirstStep = now;
        return timePerUnit;
    }

    /// <summary>Keras <c>_format_time</c>: <c>" 2ms/step"</c>, <c>" 1s/epoch"</c>, <c>" 850us/step"</c>.</summary>
    internal static string FormatTime(double timePerUnit, string unitName)
    {
        if (timePerUnit >= 1 || timePerUnit == 0) return " " + PythonFormat.Fixed(timePerUnit, 0) + "s/" + unitName;
        if (timePerUnit >= 1e-3) return " " + PythonFormat.Fixed(timePerUnit * 1000.0, 0) + "ms/" + unitName;
        return " " + PythonFormat.Fixed(timePerUnit * 1000000.0, 0) + "us/" + unitName;
    }

    /// <summary>Keras's ETA text: <c>h:mm:ss</c> above an hour, <c>m:ss</c> above a minute, else whole seconds.</summary>
    internal static string FormatEta(double eta)
    {
        // Python's "%d" truncates a float toward zero.
        if (eta > 3600)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{(long)Math.Floor(eta / 3600)}:{(long)Math.Floor(eta % 3600 / 60):00}:{(long)(eta % 60):00}");
        }

        if (eta > 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Floor(eta / 60)}:{(long)(eta % 60):00}");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{(long)eta}s");
    }

    /// <summary><c>int(np.log10(target)) + 1</c>: the decimal digits of the target.</summary>
    private static int Digits(int target) => target.ToString(CultureInfo.InvariantCulture).Length;
}
