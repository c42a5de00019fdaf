#!/usr/bin/env python3
"""Writes the function order of the release fps (scripts/fps.order, which scripts/build-release
hands the linker): the functions fps runs in the work users do most, in the order that work
first runs them. Each piece runs once under callgrind on a copy of FPS without its debug
information (valgrind reads it slowly): the start and `quit`, diffs of the Node-RED, Make and
NiFi pairs the diff bench times and of a generated 1,000-node n8n pair, a bulk migration of 100
generated n8n workflows, the demo script, and `fps --help` (argument-parser's code, which
`--version`, `--help` and a mistyped option run); within a piece, costliest first. Names are written
mangled (`--demangle=no`): the linker finds the functions by their symbols.

Tried and measured (resident memory of a Make diff, median of three cold runs): ranking by how
many pieces ran a function gave 16.4 MB against 16.1 for this order; leaving out the functions
the linker can only move with the rest of their file's code (the standard library's internals,
compiled into one section per file) gave 17.4, since those files, a few megabytes touched all
over, then stayed apart where the linker left them.

usage: order_functions.py FPS ROOT OUT"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench_diff import CORPUS, CORPUS_PAIRS  # noqa: E402  (the pairs the diff bench times)

HEADER = """\
# The functions of fps in the order the linker lays them out (lld --symbol-ordering-file): in the
# order the work users do most first runs them, so that a command touches few pages of code.
# Written by scripts/order-functions; a function missing here (new, or renamed) is laid out
# after them, where it would be without this file.
"""


def workloads(fps, root, scratch):
    """(name, arguments) of each piece of work, its inputs made in `scratch`."""
    yield "start", [fps, "-c", "quit"]
    pairs = [(dialect, os.path.join(CORPUS, path)) for dialect, path in CORPUS_PAIRS.items()]
    for dialect, source in pairs:
        if not os.path.exists(source):
            raise SystemExit(f"corpus file missing: {os.path.normpath(source)} (../shared beside the checkout)")
        folder = os.path.join(scratch, dialect)
        os.makedirs(folder)
        subprocess.run([sys.executable, os.path.join(HERE, "corpus_pair.py"), source, folder], check=True, stdout=subprocess.DEVNULL)
        yield f"diff {dialect}", [fps, "diff", os.path.join(folder, "before.json"), os.path.join(folder, "after.json")]
    n8n = os.path.join(scratch, "n8n")
    os.makedirs(n8n)
    subprocess.run([sys.executable, os.path.join(HERE, "generate_n8n.py"), "1000", n8n], check=True, stdout=subprocess.DEVNULL)
    yield "diff n8n", [fps, "diff", os.path.join(n8n, "before.json"), os.path.join(n8n, "after.json")]
    exports = os.path.join(scratch, "bulk")
    subprocess.run([sys.executable, os.path.join(HERE, "generate_n8n_bulk.py"), "100", exports], check=True, stdout=subprocess.DEVNULL)
    target = os.path.join(scratch, "target.fpsw")
    with open(os.path.join(scratch, "target.fps"), "w") as out:
        out.write(f"workspace new '{target}' as w\n{open(os.path.join(exports, 'connections.fps')).read()}commit --yes -m target\n")
    subprocess.run([fps, os.path.join(scratch, "target.fps")], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(scratch, "migrate.fps"), "w") as out:
        out.write(f"workspace new '{target}' as w --if-missing\nload '{exports}/*.json' into w\nmatch --auto\ncommit --yes -m bulk\n")
    yield "bulk migration", [fps, os.path.join(scratch, "migrate.fps")]
    demo = os.path.join(scratch, "demo")
    os.makedirs(demo)
    yield "demo", [fps, "--var", f"out={demo}", "--workspace", os.path.join(demo, "default.fpsw"), os.path.join(root, "scripts", "demo.fps")]
    # What argument-parser reads: lines the hand-made reader leaves to it (`Launch`).
    yield "help", [fps, "--help"]


def functions_run(arguments, binary, scratch, env):
    """The functions of `binary` that `arguments` ran, costliest first."""
    profile = os.path.join(scratch, "callgrind.out")
    result = subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={profile}"] + arguments,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    # diff exits 1 when the sides differ; anything above is a failure.
    if result.returncode > 1:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(arguments)}\n{result.stderr[-800:]}")
    report = subprocess.run(["callgrind_annotate", "--threshold=100", profile], capture_output=True, text=True, check=True).stdout
    names = []
    for line in report.splitlines():
        match = re.match(r"^\s*[\d,]+ \([^)]*\)\s+[^:]*:(.*) \[(.*)\]$", line)
        if match and match.group(2) == binary:
            name = match.group(1).split("'")[0]
            if not name.startswith("0x"):
                names.append(name)
    os.remove(profile)
    return names


def main():
    fps, root, out = sys.argv[1], sys.argv[2], sys.argv[3]
    scratch = tempfile.mkdtemp()
    try:
        binary = os.path.join(scratch, "fps")
        subprocess.run(["objcopy", "--strip-debug", fps, binary], check=True)
        env = dict(os.environ, XDG_STATE_HOME=os.path.join(scratch, "state"), XDG_DATA_HOME=os.path.join(scratch, "data"),
                   NO_COLOR="1", SWIFT_DETERMINISTIC_HASHING="1")
        order = {}
        for name, arguments in workloads(binary, root, scratch):
            names = functions_run(arguments, binary, scratch, env)
            print(f"{name}: {len(names)} functions", file=sys.stderr)
            order.update(dict.fromkeys(names))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    with open(out, "w") as file:
        file.write(HEADER + "\n".join(order) + "\n")
    print(f"{len(order)} functions written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
