#!/usr/bin/env python3
"""PyTorch peer of the StaticNets recurrent benchmarks (Debian's /usr/bin/python3 with python3-torch 1.13).

Loads the cases StaticNets.Benchmarks writes (CASEDIR/<case>.case.txt, Keras get_weights() layouts) into
nn.LSTM / nn.GRU + nn.Linear:
  LSTM: weight_ih = kernel.T, weight_hh = recurrent_kernel.T, bias_ih = bias, bias_hh = 0 (PyTorch's gates i, f, g, o
        are Keras's i, f, c, o);
  GRU:  PyTorch's gates are r, z, n, Keras's z, r, h: rows reordered; bias_ih = bias[0], bias_hh = bias[1] (both
        reordered). PyTorch's GRU applies the reset gate to (W_hn h + b_hn), which is Keras's reset_after=True.
Measures (keys as StaticNets.Benchmarks names them):
  <case>.step            lstm16, lstm32, gru32: one streamed step, (h, c) carried from call to call, then Linear
  fashion_lstm.single    LSTM(128) over one 28 x 28 sample (batch_first), Linear(128, 10), softmax
  fashion_lstm.train     one training step on the case's batch of 32: forward, CrossEntropyLoss on the logits
                         (= softmax + categorical cross-entropy, as PyTorch users write it), backward, Adam.step
                         (lr 1e-3, Keras's epsilon 1e-7)
All inference under torch.inference_mode().

  recurrent_pytorch.py --check CASEDIR OUTDIR    write OUTDIR/<case>.pytorch.out.txt (streamed signal from a zero
                                                 state / the sample's probabilities) and fashion_lstm.pytorch.loss.txt
                                                 (the first training step's loss, from the case's weights)
  recurrent_pytorch.py --time CASEDIR            time every measure with 1 and 2 threads (one process each,
                                                 OMP_WAIT_POLICY=PASSIVE) and print a table (median of --rounds slices
                                                 of --slice seconds)
  recurrent_pytorch.py --serve THREADS --cases CASEDIR [--clock cpu|wall]
                                                 answer 'MEASURE REPS' lines with elapsed ns (StaticNets.Benchmarks'
                                                 interleaved rounds); prints 'ready' first, 'quit' ends
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

FASHION = "fashion_lstm"
STREAMS = ("lstm16", "lstm32", "gru32")
WARM_TRAIN_STEPS = 20


def read_case(path):
    import numpy as np
    keys, tensors = {}, {}
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split()
            if parts[0] == "tensor":
                name, rank = parts[1], int(parts[2])
                dims = [int(d) for d in parts[3:3 + rank]]
                tensors[name] = np.array([float(v) for v in parts[3 + rank:]], dtype=np.float32).reshape(dims)
            else:
                keys[parts[0]] = parts[1]
    return keys, tensors


def build(torch, keys, t):
    """(rnn, linear) with the case's weights."""
    from torch import nn
    u, features, outputs = int(keys["units"]), int(keys["features"]), int(keys["outputs"])
    lstm = keys["cell"] == "lstm"
    rnn = (nn.LSTM if lstm else nn.GRU)(features, u, batch_first=True)
    kernel, recurrent = t["kernel"], t["recurrent_kernel"]
    if lstm:
        w_ih, w_hh = kernel.T, recurrent.T
        b_ih, b_hh = t["bias"], 0 * t["bias"]
    else:
        order = [1, 0, 2]  # PyTorch r, z, n ← Keras z, r, h

        def rows(m):
            import numpy as np
            return np.concatenate([m[g * u:(g + 1) * u] for g in order])
        w_ih, w_hh = rows(kernel.T), rows(recurrent.T)
        b_ih, b_hh = rows(t["bias"][0]), rows(t["bias"][1])
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.from_numpy(w_ih.copy()))
        rnn.weight_hh_l0.copy_(torch.from_numpy(w_hh.copy()))
        rnn.bias_ih_l0.copy_(torch.from_numpy(b_ih.copy()))
        rnn.bias_hh_l0.copy_(torch.from_numpy(b_hh.copy()))
    linear = nn.Linear(u, outputs)
    with torch.no_grad():
        linear.weight.copy_(torch.from_numpy(t["dense_kernel"].T.copy()))
        linear.bias.copy_(torch.from_numpy(t["dense_bias"].copy()))
    return rnn, linear


def load_cases(case_dir):
    cases = {}
    for name in STREAMS + (FASHION,):
        path = os.path.join(case_dir, name + ".case.txt")
        if os.path.exists(path):
            cases[name] = read_case(path)
    if not cases:
        raise SystemExit(f"no cases in {case_dir}")
    return cases


class Stream:
    """One streamed model: step() runs the next sample of the signal (cycling) from the carried state."""

    def __init__(self, torch, keys, t):
        self.torch = torch
        self.rnn, self.linear = build(torch, keys, t)
        self.lstm = keys["cell"] == "lstm"
        self.u = int(keys["units"])
        self.samples = [torch.tensor([[[float(x)]]]) for x in t["input"][:, 0]]
        self.reset()

    def reset(self):
        zero = self.torch.zeros(1, 1, self.u)
        self.state = (zero, zero.clone()) if self.lstm else zero
        self.position = 0

    def step(self):
        with self.torch.inference_mode():
            out, self.state = self.rnn(self.samples[self.position], self.state)
            y = self.linear(out)
        self.position += 1
        if self.position == len(self.samples):
            self.position = 0
        return y

    def outputs(self):
        self.reset()
        values = [float(self.step().reshape(-1)[0]) for _ in self.samples]
        self.reset()
        return values


class Fashion:
    def __init__(self, torch, keys, t):
        self.torch = torch
        self.rnn, self.linear = build(torch, keys, t)
        self.sample = torch.from_numpy(t["input"].copy()).unsqueeze(0)  # (1, 28, 28)
        self.batch = torch.from_numpy(t["train_input"].copy())
        self.labels = torch.from_numpy(t["train_labels"].astype("int64"))

    def predict(self):
        with self.torch.inference_mode():
            _, state = self.rnn(self.sample)
            h = state[0] if isinstance(state, tuple) else state
            return self.torch.softmax(self.linear(h[-1]), dim=-1)

    def trainer(self, warm=True):
        torch = self.torch
        rnn, linear = self.rnn, self.linear
        params = list(rnn.parameters()) + list(linear.parameters())
        opt = torch.optim.Adam(params, lr=1e-3, eps=1e-7)
        loss_fn = torch.nn.CrossEntropyLoss()

        def step():
            opt.zero_grad(set_to_none=True)
            _, (h, _) = rnn(self.batch)
            loss = loss_fn(linear(h[-1]), self.labels)
            loss.backward()
            opt.step()
            return loss
        if warm:
            for _ in range(WARM_TRAIN_STEPS):
                step()
        return step


def measures(torch, cases, only=None):
    """key -> callable running one operation."""
    result = {}
    for name in STREAMS:
        if name in cases and (only is None or only == name + ".step"):
            result[name + ".step"] = Stream(torch, *cases[name]).step
    if FASHION in cases:
        if only is None or only == FASHION + ".single":
            result[FASHION + ".single"] = Fashion(torch, *cases[FASHION]).predict
        if only is None or only == FASHION + ".train":
            result[FASHION + ".train"] = Fashion(torch, *cases[FASHION]).trainer()
    return result


def check(case_dir, out_dir):
    import torch
    torch.set_num_threads(1)
    cases = load_cases(case_dir)
    os.makedirs(out_dir, exist_ok=True)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from pytorch_bench import openblas_info
    torch.zeros(2, 2) @ torch.zeros(2, 2)  # loads the BLAS
    print(f"PyTorch {torch.__version__}: {openblas_info()} (check run); nn.LSTM/nn.GRU + nn.Linear, inference_mode; "
          "training: CrossEntropyLoss on logits, Adam(lr=1e-3, eps=1e-7)")

    def write(path, comment, values):
        with open(path, "w") as f:
            f.write(f"# {comment}\n")
            f.writelines(f"{v!r}\n" for v in values)
        print(f"wrote {path}")
    for name in STREAMS:
        if name in cases:
            write(os.path.join(out_dir, name + ".pytorch.out.txt"), f"PyTorch {torch.__version__} {name} streamed from a zero state",
                  Stream(torch, *cases[name]).outputs())
    if FASHION in cases:
        fashion = Fashion(torch, *cases[FASHION])
        write(os.path.join(out_dir, FASHION + ".pytorch.out.txt"), f"PyTorch {torch.__version__} {FASHION} one sample, softmax",
              [float(v) for v in fashion.predict().reshape(-1)])
        step = fashion.trainer(warm=False)
        write(os.path.join(out_dir, FASHION + ".pytorch.loss.txt"), f"PyTorch {torch.__version__} {FASHION} first training step's loss",
              [float(step())])


def clock(name):
    return time.process_time_ns if name == "cpu" else time.perf_counter_ns


def serve(threads, case_dir, now):
    import torch
    torch.set_num_threads(threads)
    cases = load_cases(case_dir)
    by_key = {}
    print("ready", flush=True)
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "quit":
            break
        if parts[0] not in by_key:
            found = measures(torch, cases, only=parts[0])
            if parts[0] not in found:
                print(f"error unknown measure {parts[0]}", flush=True)
                continue
            by_key[parts[0]] = found[parts[0]]
            for _ in range(20):
                by_key[parts[0]]()
        fn, n = by_key[parts[0]], int(parts[1])
        start = now()
        for _ in range(n):
            fn()
        print(now() - start, flush=True)


def worker(threads, case_dir, rounds, slice_s, now):
    import torch
    torch.set_num_threads(threads)
    fns = measures(torch, load_cases(case_dir))
    reps = {}
    for name, fn in fns.items():
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
    times = {name: [] for name in fns}
    names = list(fns)
    for r in range(rounds):
        for k in range(len(names)):
            name = names[(k + r) % len(names)]
            start = now()
            for _ in range(reps[name]):
                fns[name]()
            times[name].append((now() - start) / reps[name])
    print(json.dumps({"torch": torch.__version__, "results": {n: [statistics.median(v), min(v)] for n, v in times.items()}}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", nargs=2, metavar=("CASEDIR", "OUTDIR"))
    parser.add_argument("--time", metavar="CASEDIR")
    parser.add_argument("--serve", type=int, metavar="THREADS")
    parser.add_argument("--cases", metavar="CASEDIR")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--slice", type=float, default=0.05, help="seconds per timed slice")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                        help="cpu: process CPU time (all threads), wall: elapsed time")
    args = parser.parse_args()
    if args.check:
        check(*args.check)
    elif args.serve:
        serve(args.serve, args.cases, clock(args.clock))
    elif args.worker:
        worker(args.worker, args.cases, args.rounds, args.slice, clock(args.clock))
    elif args.time:
        print(f"clock: {args.clock}; median (min) over {args.rounds} slices of {args.slice} s")
        rows = {}
        for threads in (1, 2):
            # OMP_WAIT_POLICY=PASSIVE: with OpenMP's default spin-waiting a two-thread training step took 600 ms of
            # CPU time instead of 15 ms on a loaded 2-core machine (the idle thread spins at every barrier).
            env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads), OMP_WAIT_POLICY="PASSIVE")
            for forced in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):  # OpenBLAS's own kernel choice, as pytorch_bench.py
                env.pop(forced, None)
            out = subprocess.run([sys.executable, __file__, "--worker", str(threads), "--cases", args.time,
                                  "--rounds", str(args.rounds), "--slice", str(args.slice), "--clock", args.clock],
                                 env=env, check=True, capture_output=True, text=True)
            run = json.loads(out.stdout.strip().splitlines()[-1])
            for name, (median, minimum) in run["results"].items():
                rows.setdefault(name, {})[threads] = (median, minimum)
        print(f"| measure (PyTorch {run['torch']}) | 1 thread | 2 threads |")
        print("|---|---:|---:|")
        for name, by_threads in rows.items():
            cells = [f"{by_threads[t][0] / 1000:.2f} µs ({by_threads[t][1] / 1000:.2f})" if t in by_threads else "–" for t in (1, 2)]
            print(f"| {name} | {cells[0]} | {cells[1]} |")
    else:
        parser.error("one of --check, --time, --serve")


if __name__ == "__main__":
    main()
