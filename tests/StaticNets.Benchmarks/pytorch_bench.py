#!/usr/bin/env python3
"""PyTorch peer for the StaticNets benchmarks (run with Debian's /usr/bin/python3 and python3-torch).

Times, in the same shapes as the C# suite:
  A.single     net A (2-10 relu-1) forward, one sample, inference mode
  B.single     net B (784-128 relu-64 relu-10) forward, one sample
  B.batch128   net B forward, 128 samples, time per sample
  B.train      net B training step: softmax cross-entropy, Adam, batch 128
  A.train      net A training step: MSE, Adam, batch 32
  cnn.single   the Fashion-MNIST CNN (Conv2d 1->32 3x3 relu, MaxPool 2, Conv2d 32->64 3x3 relu, MaxPool 2, Flatten,
               Linear 1600->64 relu, Linear 64->10) forward, one sample (NCHW), inference mode
  cnn.batch128 the CNN forward, 128 samples, time per sample
  cnn.train32  CNN training step: cross-entropy on the logits, Adam, batch 32
  cnn.train128 the same at batch 128
  sgemm        torch.mm 128x784 @ 784x128 (GFLOP/s; the BLAS PyTorch uses)
  fmnist.epoch one epoch of the Fashion-MNIST tutorial MLP (784-128 relu-10, cross-entropy on logits, Adam,
               batch 32, 60,000 samples reshuffled each epoch, a plain training loop); the real images from
               /usr/share/datasets/fashion-mnist/ when present, else random data of the same shape

--measures selects some of these (comma-separated keys), e.g. --measures fmnist.epoch to time that one alone.

Each configuration (threads 1 or 2; OpenBLAS kernel: its own detection, Haswell/AVX2, SkylakeX/AVX-512) runs
in its own process, since OPENBLAS_CORETYPE and thread counts must be set before the libraries load. Within a
process each measure also comes in variants (a tag such as `adam_foreach=True`; the CNN's memory format, oneDNN
on or off, eager or TorchScript optimize_for_inference), and the measures are interleaved in rounds; each value is
the median over rounds, on process CPU time for one thread by default (--clock cpu: on a machine shared by many
processes, time spent descheduled is left out) and on wall time for two threads (process CPU time would count the
second thread's work and its spinning against it; the C# suite times its two-thread members on the wall clock
too), or wall time throughout (--clock wall). The parent keeps the best configuration per measure and writes
`key<TAB>value<TAB>unit<TAB>configuration` lines (ns per sample or step; GFLOP/s for sgemm, one thread only), the
format StaticNets.Benchmarks' --pytorch reads; the configuration starts with the variant's tag.
"""

import argparse
import contextlib
import ctypes
import gzip
import json
import os
import signal
import statistics
import subprocess
import sys
import time

THREADS = (1, 2)
ALL_MEASURES = ("A.single", "B.single", "B.batch128", "B.train", "A.train", "cnn.single", "cnn.batch128", "cnn.train32",
                "cnn.train128", "sgemm", "fmnist.epoch")
FASHION_MNIST = "/usr/share/datasets/fashion-mnist"
FASHION_SAMPLES = 60000
FASHION_BATCH = 32
EPOCH_ROUNDS = 3  # an epoch takes seconds: a few rounds of it, not --rounds
EPOCH_THREADS = (1,)  # batch-32 products are too small to share: with 2 threads an epoch took 52 s of CPU time
                      # instead of 3.3 s (OpenMP threads spinning at every barrier on a loaded 2-core machine)
CORETYPES = ("default", "Haswell", "SkylakeX")
CNN_CORETYPES = ("default",)  # the CNN's convolutions run in oneDNN, not OpenBLAS (only its two small Linear layers
                              # do): the OpenBLAS kernels are not worth the grid's time for it
CNN_TRAIN_ROUNDS = 7
PER_THREADS = ("B.batch128", "cnn.single", "cnn.batch128")  # also written per thread count ('KEY.PyTorch (1 thread)',
THREAD_SUFFIX = {1: " (1 thread)", 2: " (2 threads)"}      # '... (2 threads)'): the suite times both, as ONNX Runtime's  # a batch-128 CNN step takes tens of ms in 8 variants: fewer rounds keep the grid short


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


def read_idx(path, magic):
    """An unsigned-byte IDX file (gzip or plain) as (dimensions, bytes); checks the magic number and the length."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    found = int.from_bytes(data[:4], "big")
    if found != magic:
        raise ValueError(f"{path}: magic 0x{found:08x}, expected 0x{magic:08x}")
    dims = [int.from_bytes(data[4 + 4 * d:8 + 4 * d], "big") for d in range(magic & 0xFF)]
    body = data[4 + 4 * len(dims):]
    count = 1
    for d in dims:
        count *= d
    if len(body) != count:
        raise ValueError(f"{path}: {len(body)} bytes of data, the header declares {count}")
    return dims, body


def fashion_data(torch):
    """(images as float32 in [0, 1], labels as int64, 'real' or 'random'): the Fashion-MNIST training set, or
    random data of its shape when the dataset package is not installed (the time per epoch does not depend on
    the values)."""
    def find(stem):
        for name in (stem + ".gz", stem):
            if os.path.exists(os.path.join(FASHION_MNIST, name)):
                return os.path.join(FASHION_MNIST, name)
        return None
    images_path, labels_path = find("train-images-idx3-ubyte"), find("train-labels-idx1-ubyte")
    if images_path and labels_path:
        import numpy as np
        dims, pixels = read_idx(images_path, 0x00000803)
        _, labels = read_idx(labels_path, 0x00000801)
        x = torch.from_numpy(np.frombuffer(pixels, dtype=np.uint8).reshape(dims[0], dims[1] * dims[2]).astype(np.float32) / 255)
        y = torch.from_numpy(np.frombuffer(labels, dtype=np.uint8).astype(np.int64))
        return x[:FASHION_SAMPLES], y[:FASHION_SAMPLES], "real"
    print(f"note: no Fashion-MNIST in {FASHION_MNIST} (apt-get install dataset-fashion-mnist); "
          "timing an epoch on random data of the same shape", file=sys.stderr)
    return torch.rand(FASHION_SAMPLES, 784), torch.randint(0, 10, (FASHION_SAMPLES,)), "random"


def build_measures(threads, only=ALL_MEASURES, variant=None):
    """name -> (callable, samples per call, tag): the forward passes, training steps (already run to the steady
    state, at most ~10 s each), the sgemm probe and the Fashion-MNIST epoch; only the keys in `only`, and only the
    variant tagged `variant` when one is given (a --serve process runs one). Names are `key|tag`, or `key` untagged."""
    import copy
    import torch
    from torch import nn

    torch.set_num_threads(threads)
    torch.manual_seed(0)

    def net_a():
        return nn.Sequential(nn.Linear(2, 10), nn.ReLU(), nn.Linear(10, 1))

    def net_b():
        return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))

    def cnn():
        return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                             nn.MaxPool2d(2), nn.Flatten(), nn.Linear(1600, 64), nn.ReLU(), nn.Linear(64, 10))

    def onednn(enabled):
        """oneDNN (mkldnn) is on by default; a variant that turns it off does so around each call."""
        return contextlib.nullcontext() if enabled else torch.backends.mkldnn.flags(enabled=False)

    def forward(model, x, mkldnn=True):
        def run():
            with onednn(mkldnn), torch.inference_mode():
                model(x)
        return run

    def warm_to_steady_state(step):
        deadline = time.monotonic() + 10
        for _ in range(STEADY_STATE_STEPS):
            step()
            if time.monotonic() > deadline:
                break

    def trainer(model, x, y, loss_fn, foreach):
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7, foreach=foreach)  # Keras's Adam epsilon

        def step():
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
        warm_to_steady_state(step)
        return step

    steady_cnn = {}

    def cnn_trainer(batch, fmt, mkldnn, foreach):
        """A CNN training step in one variant. Every variant continues from one model and Adam state run to the
        steady state once per batch size (contiguous, oneDNN on, foreach off), so the grid pays the warm-up once."""
        if batch not in steady_cnn:
            model = cnn()
            x, y = torch.rand(batch, 1, 28, 28), torch.randint(0, 10, (batch,))
            opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7, foreach=False)

            def base_step():
                opt.zero_grad(set_to_none=True)
                ce(model(x), y).backward()
                opt.step()
            warm_to_steady_state(base_step)
            steady_cnn[batch] = (model, opt.state_dict(), x, y)
        base, state, x, y = steady_cnn[batch]
        memory_format = torch.channels_last if fmt == "channels_last" else torch.contiguous_format
        model = copy.deepcopy(base).to(memory_format=memory_format)
        x = x.to(memory_format=memory_format)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7, foreach=foreach)
        opt.load_state_dict(state)

        def step():
            with onednn(mkldnn):
                opt.zero_grad(set_to_none=True)
                ce(model(x), y).backward()
                opt.step()
        return step

    def cnn_forward(model, batch, mode, fmt, mkldnn):
        """The CNN forward in one variant: eager, or TorchScript frozen by optimize_for_inference (PyTorch's
        inference recipe, which rewrites the convolutions for oneDNN), in either memory format."""
        memory_format = torch.channels_last if fmt == "channels_last" else torch.contiguous_format
        model = copy.deepcopy(model).eval().to(memory_format=memory_format)
        x = torch.rand(batch, 1, 28, 28).to(memory_format=memory_format)
        if mode == "jit":
            with torch.no_grad():
                model = torch.jit.optimize_for_inference(torch.jit.script(model))
        return forward(model, x, mkldnn)

    def fashion_epoch(x, y, foreach):
        """One epoch of the tutorial MLP as a PyTorch user writes it: reshuffle, then per batch of 32 gather,
        forward, loss, backward, Adam step (no DataLoader: its worker and collation overhead would only add)."""
        model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7, foreach=foreach)
        loss_fn = nn.CrossEntropyLoss()
        n = x.shape[0]

        def epoch():
            order = torch.randperm(n)
            for start in range(0, n, FASHION_BATCH):
                batch = order[start:start + FASHION_BATCH]
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(model(x[batch]), y[batch])
                loss.backward()
                opt.step()
        return epoch

    model_a, model_b, model_cnn = net_a(), net_b(), cnn()
    ce, mse = nn.CrossEntropyLoss(), nn.MSELoss()  # cross-entropy on logits = softmax + CCE, as PyTorch users write it
    x_train_b, y_train_b = torch.rand(128, 784), torch.randint(0, 10, (128,))
    x_train_a, y_train_a = torch.rand(32, 2) * 2 - 1, torch.rand(32, 1) * 2 - 1
    gemm_a, gemm_b = torch.rand(128, 784), torch.rand(784, 128)
    measures = {}

    def add(key, tag, per_call, build):
        if key in only and (variant is None or tag == variant):
            measures[f"{key}|{tag}" if tag else key] = (build(), per_call, tag)

    add("A.single", "", 1, lambda: forward(model_a, torch.rand(1, 2)))
    add("B.single", "", 1, lambda: forward(model_b, torch.rand(1, 784)))
    add("B.batch128", "", 128, lambda: forward(model_b, torch.rand(128, 784)))
    add("sgemm", "", 1, lambda: (lambda: torch.mm(gemm_a, gemm_b)))
    cnn_forward_variants = [(mode, fmt, mkldnn) for mode in ("eager", "jit") for fmt in ("contiguous", "channels_last")
                            for mkldnn in ((True, False) if mode == "eager" else (True,))]
    for mode, fmt, mkldnn in cnn_forward_variants:
        tag = f"mode={mode} format={fmt} mkldnn={mkldnn}"
        add("cnn.single", tag, 1, lambda: cnn_forward(model_cnn, 1, mode, fmt, mkldnn))
        add("cnn.batch128", tag, 128, lambda: cnn_forward(model_cnn, 128, mode, fmt, mkldnn))
    fashion = fashion_data(torch) if "fmnist.epoch" in only else None
    for foreach in (False, True):
        tag = f"adam_foreach={foreach}"
        add("B.train", tag, 1, lambda: trainer(net_b(), x_train_b, y_train_b, ce, foreach))
        add("A.train", tag, 1, lambda: trainer(net_a(), x_train_a, y_train_a, mse, foreach))
        for fmt in ("contiguous", "channels_last"):
            for mkldnn in (True, False):
                cnn_tag = f"{tag} format={fmt} mkldnn={mkldnn}"
                add("cnn.train32", cnn_tag, 1, lambda: cnn_trainer(32, fmt, mkldnn, foreach))
                add("cnn.train128", cnn_tag, 1, lambda: cnn_trainer(128, fmt, mkldnn, foreach))
        if fashion is not None:
            x, y, source = fashion
            add("fmnist.epoch", f"{tag} data={source}", 1, lambda: fashion_epoch(x, y, foreach))
    return torch, measures


def warm_calls(name):
    """Calls before timing: 20; one for an epoch (which also carries Adam past the steady-state point); three for a
    CNN training step (its model is past the steady state already, and a step takes tens of milliseconds)."""
    return 1 if name.startswith("fmnist.epoch") else 3 if name.startswith("cnn.train") else 20


def max_rounds(name, rounds):
    """Rounds a measure is timed in: fewer for the measures whose calls take long."""
    if name.startswith("fmnist.epoch"):
        return EPOCH_ROUNDS
    return min(rounds, CNN_TRAIN_ROUNDS) if name.startswith("cnn.train") else rounds


def clock(name, threads):
    """Process CPU time (all threads; what ran, not what waited on a loaded machine) for one thread, or wall time
    (always with --clock wall, and for two threads: their CPU time would count the second thread's spinning), in ns."""
    return time.process_time_ns if name == "cpu" and threads == 1 else time.perf_counter_ns


def serve(threads, variant, now):
    """Answers 'MEASURE REPS' lines on stdin with the nanoseconds REPS calls took, so a C# process can interleave
    PyTorch with its own implementations round by round. Prints 'ready' at once; each measure is built (in the
    variant tagged `variant`) and warmed on its first request, outside the timed calls (the C# side warms every
    member before timing); 'quit' ends."""
    import torch  # noqa: F401  (loaded before 'ready', so the first request does not pay for it)
    by_key = {}
    print("ready", flush=True)
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "quit":
            break
        if parts[0] not in by_key:
            _, measures = build_measures(threads, only=(parts[0],), variant=variant)
            if len(measures) != 1:
                raise SystemExit(f"pytorch_bench.py --serve: no single variant '{variant}' of {parts[0]}")
            (name, (fn, _, _)), = measures.items()
            for _ in range(warm_calls(name)):
                fn()
            by_key[parts[0]] = fn
        fn, n = by_key[parts[0]], int(parts[1])
        start = now()
        for _ in range(n):
            fn()
        print(now() - start, flush=True)


def worker(threads, rounds, slice_s, now, only):
    torch, measures = build_measures(threads, only=only)

    # Warm up, then size each measure's loop to about slice_s seconds.
    reps = {}
    for name, (fn, _, _) in measures.items():
        for _ in range(warm_calls(name)):
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
            if r >= max_rounds(name, rounds):
                continue
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
    parser.add_argument("--measures", default=",".join(ALL_MEASURES),
                        help=f"comma-separated measures to time (default all: {','.join(ALL_MEASURES)})")
    parser.add_argument("--slice", type=float, default=0.02, help="seconds per timed slice")
    parser.add_argument("--worker", type=int, metavar="THREADS", help=argparse.SUPPRESS)
    parser.add_argument("--serve", type=int, metavar="THREADS",
                        help="answer 'MEASURE REPS' lines with elapsed ns (OPENBLAS_CORETYPE from the environment)")
    parser.add_argument("--variant", default="", help="with --serve: the variant's tag, e.g. 'adam_foreach=True' ('' = untagged)")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                        help="cpu: process CPU time for one thread, wall time for two (default; robust on a loaded machine), wall: elapsed throughout")
    args = parser.parse_args()
    only = tuple(m for m in args.measures.split(",") if m)
    unknown = [m for m in only if m not in ALL_MEASURES]
    if unknown:
        parser.error(f"unknown measure(s) {', '.join(unknown)}; known: {', '.join(ALL_MEASURES)}")
    if args.worker:
        worker(args.worker, args.rounds, args.slice, clock(args.clock, args.worker), only)
        return
    if args.serve:
        serve(args.serve, args.variant, clock(args.clock, args.serve))
        return

    best, best_per_threads = {}, {}
    print(f"clock: {'process CPU time for one thread, wall time for two' if args.clock == 'cpu' else 'wall'}")
    titles = {"B.batch128": "B.batch128/sample", "cnn.batch128": "cnn.batch128/sample", "sgemm": "sgemm GFLOP/s"}
    print("| threads | OpenBLAS kernel | " + " | ".join(titles.get(m, m) for m in only) + " |")
    print("|---:|---|" + "---:|" * len(only))
    for coretype in CORETYPES:
        for threads in THREADS:
            measures = [m for m in only if (m != "fmnist.epoch" or threads in EPOCH_THREADS)
                        and (not m.startswith("cnn.") or coretype in CNN_CORETYPES)]
            if not measures:
                continue
            env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
            env.pop("OPENBLAS_CORETYPE", None)
            env.pop("OPENBLAS_L2_SIZE", None)  # set together on some machines; both off for the benchmark (env README)
            if coretype != "default":
                env["OPENBLAS_CORETYPE"] = coretype
            out = subprocess.run([sys.executable, __file__, "--worker", str(threads), "--rounds", str(args.rounds),
                                  "--slice", str(args.slice), "--clock", args.clock, "--measures", ",".join(measures)],
                                 env=env, capture_output=True, text=True)
            sys.stderr.write(out.stderr)
            if out.returncode == -signal.SIGILL and coretype != "default":
                # A kernel this CPU lacks the instructions for (SkylakeX's AVX-512 on an AVX2 machine): not a configuration here.
                print(f"| {threads} | OpenBLAS core {coretype}: not supported by this CPU (SIGILL) |" + " |" * len(only), flush=True)
                continue
            out.check_returncode()
            run = json.loads(out.stdout.strip().splitlines()[-1])
            res = run["results"]
            config = f"threads={threads} coretype={coretype} ({run['blas']})"

            def cell(key):
                if key not in res:
                    return "–"
                v, tag = res[key]["value"], res[key]["tag"]
                if key == "sgemm":
                    return f"{v:.0f}"
                text = f"{v / 1000:.2f} µs" if v < 1e6 else f"{v / 1e6:.3f} ms" if v < 1e9 else f"{v / 1e9:.3f} s"
                return f"{text} ({tag})" if tag else text
            print(f"| {threads} | {run['blas']} | " + " | ".join(cell(m) for m in only) + " |", flush=True)
            for key, r in res.items():
                if key == "sgemm":
                    if threads != 1:
                        continue  # the sgemm bar of the training target is single-threaded (docs/performance.md)
                    better = key not in best or r["value"] > best[key][0]
                else:
                    better = key not in best or r["value"] < best[key][0]
                if better:
                    best[key] = (r["value"], r["unit"], " ".join(filter(None, [r["tag"], config])))
                if key in PER_THREADS:
                    own = f"{key}.PyTorch{THREAD_SUFFIX[threads]}"
                    if own not in best_per_threads or r["value"] < best_per_threads[own][0]:
                        best_per_threads[own] = (r["value"], r["unit"], " ".join(filter(None, [r["tag"], config])))
    print(f"PyTorch {run['torch']}; best per measure:")
    lines = [f"# pytorch_bench.py, torch {run['torch']}"]
    for key, (value, unit, config) in best.items():
        lines.append(f"{key}.PyTorch\t{value:.6g}\t{unit}\t{config}")
        print(f"  {key}: {value:.6g} {unit} ({config})")
    for key, (value, unit, config) in best_per_threads.items():
        lines.append(f"{key}\t{value:.6g}\t{unit}\t{config}")
    if args.output:
        with open(args.output, "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
