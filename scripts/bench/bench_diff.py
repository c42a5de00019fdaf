#!/usr/bin/env python3
"""Times, side by side on the same n8n-shaped pairs, `fps diff` against the tools people use
otherwise: `jq -S . | diff -u` and Python's deepdiff (ignore_order=True), with merely parsing
both files with orjson as the floor. Prints wall time (best of N runs), peak memory, and ratios.

usage: bench_diff.py FPS_BINARY WORKDIR [SIZES...]"""
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEEPDIFF_LIMIT = int(os.environ.get("DEEPDIFF_LIMIT", "10000"))  # deepdiff on 50 000 nodes takes minutes


def measure(command, runs):
    """Best wall time over `runs`, and the peak resident memory of the best run, in MiB."""
    best = None
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        peak = int(result.stderr.strip().splitlines()[-1]) / 1024
        if result.returncode not in (0, 1):
            raise SystemExit(f"{command[0]} failed ({result.returncode}): {result.stderr[-400:]}")
        if best is None or elapsed < best[0]:
            best = (elapsed, peak)
    return best


def main():
    fps, workdir = sys.argv[1], sys.argv[2]
    sizes = [int(size) for size in sys.argv[3:]] or [100, 1000, 10000, 50000]
    rows = []
    for size in sizes:
        folder = os.path.join(workdir, str(size))
        os.makedirs(folder, exist_ok=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate_n8n.py"), str(size), folder], check=True)
        before, after = os.path.join(folder, "before.json"), os.path.join(folder, "after.json")
        runs = 5 if size <= 10000 else 3
        tools = {
            "fps diff": [fps, "diff", before, after],
            "jq -S | diff -u": ["bash", "-c", f"diff -u <(jq -S . '{before}') <(jq -S . '{after}')"],
            "orjson parse": [sys.executable, "-c", f"import orjson; orjson.loads(open('{before}','rb').read()); orjson.loads(open('{after}','rb').read())"],
        }
        if size <= DEEPDIFF_LIMIT:
            tools["deepdiff"] = [sys.executable, "-c", f"import orjson, deepdiff; deepdiff.DeepDiff(orjson.loads(open('{before}','rb').read()), orjson.loads(open('{after}','rb').read()), ignore_order=True)"]
        results = {name: measure(command, 1 if name == "deepdiff" else runs) for name, command in tools.items()}
        rows.append((size, os.path.getsize(before), results))

    print(f"{'nodes':>6} {'MB':>5} {'tool':<16} {'time s':>8} {'peak MiB':>9} {'fps is':>22}")
    for size, nbytes, results in rows:
        fps_time, fps_peak = results["fps diff"]
        for name, (seconds, peak) in results.items():
            ratio = "" if name == "fps diff" else f"{seconds / fps_time:6.1f}x faster" if seconds >= fps_time else f"{fps_time / seconds:6.1f}x slower"
            print(f"{size:>6} {nbytes / 1e6:5.1f} {name:<16} {seconds:8.3f} {peak:9.1f} {ratio:>22}")
        parse_time, parse_peak = results["orjson parse"]
        jq_time, _ = results["jq -S | diff -u"]
        # The targets of issue #13: at most 0.15 of jq -S + diff -u and half an orjson parse of
        # both files, whole process; memory no higher than then (79 MB at 10 000 nodes, about what an orjson parse takes).
        ratios = {"fps/jq+diff time": (fps_time / jq_time, 0.15), "fps/orjson-parse time": (fps_time / parse_time, 0.5),
                  "fps/orjson peak": (fps_peak / parse_peak, 1.0)}
        print(f"{'':>12} " + ", ".join(f"{name} {value:.2f} ({'ok' if value <= target else 'target'} <= {target})"
                                      for name, (value, target) in ratios.items()))
    if len(rows) > 1:
        (small, _, first), (large, _, last) = rows[0], rows[-1]
        growth = last["fps diff"][0] / max(first["fps diff"][0], 1e-9)
        print(f"fps time grows {growth:.0f}x for {large // small}x the nodes ({'near-linear' if growth < 2 * large / small else 'super-linear'})")


if __name__ == "__main__":
    main()
