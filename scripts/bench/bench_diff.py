#!/usr/bin/env python3
"""Times, side by side on the same pairs (generated n8n workflows, and the largest real Node-RED,
Make and NiFi exports of the corpus with 1% of their content edited), `fps diff` against the tools people use
otherwise: `jq -S . | diff -u` and Python's deepdiff (ignore_order=True), with merely parsing
both files with orjson as the floor. Prints wall time (best of N rounds, the tools
taking turns), peak memory, and ratios.

usage: bench_diff.py FPS_BINARY WORKDIR [SIZES...]"""
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEEPDIFF_LIMIT = int(os.environ.get("DEEPDIFF_LIMIT", "10000"))  # deepdiff on 50 000 nodes takes minutes


def run_once(command):
    """Wall time and peak resident memory (MiB) of one whole run of `command`."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({result.returncode}): {result.stderr[-400:]}")
    return elapsed, int(result.stderr.strip().splitlines()[-1]) / 1024


def measure(tools, runs):
    """Best wall time over `runs` of each tool, and the peak memory of its best run, the tools
    taken in turn within each round: on a shared machine the speed drifts over seconds, so a
    block of one tool's runs and then the next tool's compared them under different
    conditions; taking turns puts every tool under the same drift."""
    best = {}
    for _ in range(runs):
        for name, command in tools.items():
            elapsed, peak = run_once(command)
            if name not in best or elapsed < best[name][0]:
                best[name] = (elapsed, peak)
    return best


# The largest real export of each other dialect in ../shared/corpus, large enough to time.
CORPUS = os.path.join(HERE, "..", "..", "..", "shared", "corpus")
CORPUS_PAIRS = {
    "node-red": "node-red/edterbak__NodeRed_Heishamon_control__flows.json",
    "make": "make/amrit-dash__Make-Automation-Projects__Cricket_Bot__Amrit_s_Cricket_Responder_Bot.json",
    "nifi": "nifi/cldr-steven-matison__NiFi-Templates__NiFiBenchMarkTest-finaltune.json",
}


def pairs(workdir, sizes):
    """(label, before, after, runs) for each generated n8n size, then each dialect's corpus pair."""
    for size in sizes:
        folder = os.path.join(workdir, str(size))
        os.makedirs(folder, exist_ok=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate_n8n.py"), str(size), folder], check=True)
        yield f"n8n {size}", os.path.join(folder, "before.json"), os.path.join(folder, "after.json"), 15 if size <= 10000 else 3
    if not os.path.isdir(CORPUS):
        print(f"corpus not found at {os.path.normpath(CORPUS)}: the Node-RED, Make and NiFi pairs are left out", file=sys.stderr)
        return
    for dialect, path in CORPUS_PAIRS.items():
        folder = os.path.join(workdir, dialect)
        os.makedirs(folder, exist_ok=True)
        subprocess.run([sys.executable, os.path.join(HERE, "corpus_pair.py"), os.path.join(CORPUS, path), folder], check=True,
                       stdout=subprocess.DEVNULL)
        yield f"{dialect} corpus", os.path.join(folder, "before.json"), os.path.join(folder, "after.json"), 20


def main():
    fps, workdir = sys.argv[1], sys.argv[2]
    sizes = [int(size) for size in sys.argv[3:]] or [100, 1000, 10000, 50000]
    rows = []
    for label, before, after, runs in pairs(workdir, sizes):
        tools = {
            "fps diff": [fps, "diff", before, after],
            "jq -S | diff -u": ["bash", "-c", f"diff -u <(jq -S . '{before}') <(jq -S . '{after}')"],
            "orjson parse": [sys.executable, "-c", f"import orjson; orjson.loads(open('{before}','rb').read()); orjson.loads(open('{after}','rb').read())"],
        }
        if not label.startswith("n8n") or int(label.split()[1]) <= DEEPDIFF_LIMIT:
            tools["deepdiff"] = [sys.executable, "-c", f"import orjson, deepdiff; deepdiff.DeepDiff(orjson.loads(open('{before}','rb').read()), orjson.loads(open('{after}','rb').read()), ignore_order=True)"]
        deepdiff = tools.pop("deepdiff", None)
        results = measure(tools, runs)
        if deepdiff:
            results["deepdiff"] = run_once(deepdiff)
        rows.append((label, os.path.getsize(before), results))

    print(f"{'pair':<16} {'MB':>5} {'tool':<16} {'time s':>8} {'peak MiB':>9} {'fps is':>22}")
    for label, nbytes, results in rows:
        fps_time, fps_peak = results["fps diff"]
        for name, (seconds, peak) in results.items():
            ratio = "" if name == "fps diff" else f"{seconds / fps_time:6.1f}x faster" if seconds >= fps_time else f"{fps_time / seconds:6.1f}x slower"
            print(f"{label:<16} {nbytes / 1e6:5.1f} {name:<16} {seconds:8.3f} {peak:9.1f} {ratio:>22}")
        parse_time, parse_peak = results["orjson parse"]
        jq_time, _ = results["jq -S | diff -u"]
        # The targets of issue #13: at most 0.15 of jq -S + diff -u and half an orjson parse of
        # both files, whole process; memory no higher than then (79 MB at 10 000 nodes, about what an orjson parse takes).
        ratios = {"fps/jq+diff time": (fps_time / jq_time, 0.15), "fps/orjson-parse time": (fps_time / parse_time, 0.5),
                  "fps/orjson peak": (fps_peak / parse_peak, 1.0)}
        print(f"{'':>12} " + ", ".join(f"{name} {value:.2f} ({'ok' if value <= target else 'target'} <= {target})"
                                      for name, (value, target) in ratios.items()))
    generated = [row for row in rows if row[0].startswith("n8n")]
    if len(generated) > 1:
        (small, _, first), (large, _, last) = generated[0], generated[-1]
        small, large = int(small.split()[1]), int(large.split()[1])
        growth = last["fps diff"][0] / max(first["fps diff"][0], 1e-9)
        print(f"fps time grows {growth:.0f}x for {large // small}x the nodes ({'near-linear' if growth < 2 * large / small else 'super-linear'})")


if __name__ == "__main__":
    main()
