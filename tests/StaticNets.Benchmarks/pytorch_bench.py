#!/usr/bin/env python3
"""PyTorch peer for the StaticNets benchmarks (run with Debian's /usr/bin/python3 and python3-torch).

Times, in the same shapes as the C# suite:
  A.single     net A (2-10 relu-1) forward, one sample, inference mode
  B.single     net B (784-128 relu-64 relu-10) forward, one sample
  B.batch128   net B forward, 128 samples, time per sample
  B.train      net B training step: softmax cross-entropy, Adam, batch 128
  A.train      net A training step: MSE, Adam, batch 32
  sgemm        torch.mm 128x784 @ 784x128 (GFLOP/s; the BLAS PyTorch uses)

Each configuration (threads 1 or 2; OpenBLAS kernel: its own detection, Haswell/AVX2, SkylakeX/AVX-512) runs
in its own process, since OPENBLAS_CORETYPE and thread counts must be set before the libraries load. Within a
process the measures are interleaved in rounds; each value is the median over rounds, on process CPU time by
default (--clock cpu: on a machine shared by many processes, time spent descheduled is left out; note it counts
every thread, so it penalises multi-threaded runs that spin) or wall time (--clock wall). The parent keeps the best
configuration per measure and writes `key<TAB>value<TAB>unit<TAB>configuration` lines (ns per sample or step;
GFLOP/s for sgemm, one thread only), the format StaticNets.Benchmarks' --pytorch reads.
"""

import argparse
import ctypes
import json
import os
import statistics
import subprocess
import sys
import time

THREADS = (1, 2)
CORETYPES = ("default", "Haswell", "SkylakeX")


def openblas_info():
    """The OpenBLAS core and thread count actually in use, read from the loaded library."""
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "openblas" in line and line.split()[-1].startswith("/")})
    if not paths:
        return "no OpenBLAS loaded (reference BLAS?)"
    lib = ctypes.CDLL(paths[0])
    lib.openblas_get_corename.restype = ctypes.c_char_p
    return f"OpenBLAS core {lib.openblas_get_corename().decode()}, {lib.openblas_get_num_threads()} threads"


STEADY_STATE_STEPS = 1000  # as TrainingSetup.SteadyStateSteps: time training past the point where Adam's
                           # moments of zero-gradient weights have decayed into denormals (see there)


def build_measures(threads, foreach_options=(False, True)):
    """name -> (callable, samples per call, tag): the forward passes, training steps (already run to the steady
    state, at most ~10 s each) and the sgemm probe."""
    import torch
    from torch import nn

    torch.set_num_threads(threads)
    torch.manual_seed(0)

    def net_a():
        return nn.Sequential(nn.Linear(2, 10), nn.ReLU(), nn.Linear(10, 1))

    def net_b():
        return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))

    def forward(model, x):
        def run():
            with torch.inference_mode():
                model(x)
        return run

    def trainer(model, x, y, loss_fn, foreach):
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7, foreach=foreach)  # Keras's Adam epsilon

        def step():
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
        deadline = time.monotonic() + 10
        for _ in range(STEADY_STATE_STEPS):
            step()
            if time.monotonic() > deadline:
                break
        return step

    model_a, model_b = net_a(), net_b()
    ce, mse = nn.CrossEntropyLoss(), nn.MSELoss()  # cross-entropy on logits = softmax + CCE, as PyTorch users write it
    x_train_b, y_train_b = torch.rand(128, 784), torch.randint(0, 10, (128,))
    x_train_a, y_train_a = torch.rand(32, 2) * 2 - 1, torch.rand(32, 1) * 2 - 1
    gemm_a, gemm_b = torch.rand(128, 784), torch.rand(784, 128)
    measures = {
        "A.single": (forward(model_a, torch.rand(1, 2)), 1, ""),
        "B.single": (forward(model_b, torch.rand(1, 784)), 1, ""),
        "B.batch128": (forward(model_b, torch.rand(128, 784)), 128, ""),
        "sgemm": (lambda: torch.mm(gemm_a, gemm_b), 1, ""),
    }
    for foreach in foreach_options:
        tag = f"adam_foreach={foreach}"
        measures[f"B.train|{tag}"] = (trainer(net_b(), x_train_b, y_train_b, ce, foreach), 1, tag)
        measures[f"A.train|{tag}"] = (trainer(net_a(), x_train_a, y_train_a, mse, foreach), 1, tag)
    return torch, measures


def clock(name):
    """Process CPU time (all threads; what ran, not what waited on a loaded machine) or wall time, in ns."""
    return time.process_time_ns if name == "cpu" else time.perf_counter_ns


def serve(threads, foreach, now):
    """Answers 'MEASURE REPS' lines on stdin with the nanoseconds REPS calls took, so a C# process can interleave
    PyTorch with its own implementations round by round. Prints 'ready' once warmed up; 'quit' ends."""
    _, measures = build_measures(threads, (foreach,))
    by_key = {name.partition("|")[0]: fn for name, (fn, _, _) in measures.items()}
    for fn in by_key.values():
        for _ in range(20):
            fn()
    print("ready", flush=True)
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "quit":
            break
        fn, n = by_key[parts[0]], int(parts[1])
        start = now()
        for _ in range(n):
            fn()
        print(now() - start, flush=True)


def worker(threads, rounds, slice_s, now):
    torch, measures = build_measures(threads)

    # Warm up, then size each measure's loop to about slice_s seconds.
    reps = {}
    for name, (fn, _, _) in measures.items():
        for _ in range(20):
            fn()
        n = 1
        while True:
            start = now()
            for _ in range(n):
                fn()
            elapsed = max(now() - start, 1) / 1e9
            if elapsed >= slice_s / 4:
                reps[name] = max(1, int(n * slice_s / elapsed))
                break
            n *= 2

    times = {name: [] for name in measures}
    names = list(measures)
    for r in range(rounds):
        for k in range(len(names)):
            name = names[(k + r) % len(names)]
            fn, per_call, _ = measures[name]
            n = reps[name]
            start = now()
            for _ in range(n):
                fn()
            times[name].append((now() - start) / (n * per_call))

    results = {}
    for name, values in times.items():
        key, _, tag = name.partition("|")
        ns = statistics.median(values)
        if key == "sgemm":
            results[key] = {"value": 2 * 128 * 784 * 128 / ns, "unit": "GFLOP/s", "tag": ""}
        elif key not in results or ns < results[key]["value"]:
            results[key] = {"value": ns, "unit": "ns", "tag": tag}
    print(json.dumps({"torch": torch.__version__, "blas": openblas_info(), "results": results}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", help="write the best-per-measure table (TSV) here")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--slice", type=float, default=0.02, help="seconds per timed slice")
    parser.add_argument("--worker", type=int, metavar="THREADS", help=argparse.SUPPRESS)
    parser.add_argument("--serve", type=int, metavar="THREADS",
                        help="answer 'MEASURE REPS' lines with elapsed ns (OPENBLAS_CORETYPE from the environment)")
    parser.add_argument("--adam-foreach", choices=("False", "True"), default="False", help="with --serve")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                        help="cpu: process CPU time (default; robust on a loaded machine, but counts every thread's time), wall: elapsed")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.rounds, args.slice, clock(args.clock))
        return
    if args.serve:
        serve(args.serve, args.adam_foreach == "True", clock(args.clock))
        return

    best = {}
    print(f"clock: {args.clock}")
    print("| threads | OpenBLAS kernel | A.single | B.single | B.batch128/sample | B.train | A.train | sgemm GFLOP/s |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for coretype in CORETYPES:
        for threads in THREADS:
            env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
            env.pop("OPENBLAS_CORETYPE", None)
            env.pop("OPENBLAS_L2_SIZE", None)  # set together on some machines; both off for the benchmark (env README)
            if coretype != "default":
                env["OPENBLAS_CORETYPE"] = coretype
            out = subprocess.run([sys.executable, __file__, "--worker", str(threads), "--rounds", str(args.rounds),
                                  "--slice", str(args.slice), "--clock", args.clock], env=env, check=True, capture_output=True, text=True)
            run = json.loads(out.stdout.strip().splitlines()[-1])
            res = run["results"]
            config = f"threads={threads} coretype={coretype} ({run['blas']})"

            def cell(key):
                v = res[key]["value"]
                return f"{v / 1000:.2f} µs" if v < 1e6 else f"{v / 1e6:.3f} ms"
            print(f"| {threads} | {run['blas']} | {cell('A.single')} | {cell('B.single')} | {cell('B.batch128')} | "
                  f"{cell('B.train')} ({res['B.train']['tag']}) | {cell('A.train')} ({res['A.train']['tag']}) | {res['sgemm']['value']:.0f} |",
                  flush=True)
            for key, r in res.items():
                if key == "sgemm":
                    if threads != 1:
                        continue  # PERFORMANCE.md's sgemm bar is single-threaded
                    better = key not in best or r["value"] > best[key][0]
                else:
                    better = key not in best or r["value"] < best[key][0]
                if better:
                    best[key] = (r["value"], r["unit"], " ".join(filter(None, [r["tag"], config])))
    print(f"PyTorch {run['torch']}; best per measure:")
    lines = [f"# pytorch_bench.py, torch {run['torch']}"]
    for key, (value, unit, config) in best.items():
        lines.append(f"{key}.PyTorch\t{value:.6g}\t{unit}\t{config}")
        print(f"  {key}: {value:.6g} {unit} ({config})")
    if args.output:
        with open(args.output, "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
