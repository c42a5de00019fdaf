#!/usr/bin/env python3
"""Times a bulk migration side by side with the text tools that do less: `fps` running
workspace / load '<dir>/*.json' into w / match --auto / commit --yes over COUNT generated n8n
workflows into a target that holds their connections, `jq -S .` over the same files, and an
orjson read of all of them (gc off). Whole processes, hyperfine for the wall time (the target
workspace is copied fresh before every fps run), /usr/bin/time for the peak memory. Once more
under `script` in an 80-column terminal: the lines printed per flow and the widest.

With POSTGRES=<server URL> and PSQL=<psql command> (scripts/bench-bulk sets them when
PostgreSQL is installed), the same migration also runs into a PostgreSQL workspace, the target
copied fresh into a new database (`workspace copy`) before every run.

usage: bench_bulk.py FPS DATA_ROOT PYTHON [COUNT...]   (BASELINE=<another fps> adds its row)"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = {"fps/jq": 0.2, "fps/orjson": 1.0, "peak/files": 1.5}


def dataset(root, count):
    """The generated exports and the pristine target workspace, made once per count (by fps)."""
    folder = os.path.join(root, f"n8n-{count}")
    exports = os.path.join(folder, "exports")
    if not os.path.exists(os.path.join(folder, "done")):
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {count} n8n workflows in {exports}", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(HERE, "generate_n8n_bulk.py"), str(count), exports], check=True)
        open(os.path.join(folder, "done"), "w").close()
    return folder, exports


def make_target(fps, folder, exports, env):
    target = os.path.join(folder, "target.fpsw")
    if os.path.exists(target):
        os.remove(target)
    script = os.path.join(folder, "target.fps")
    with open(script, "w") as out:
        out.write(f"workspace new '{target}' as w\n")
        out.write(open(os.path.join(exports, "connections.fps")).read())
        out.write("commit --yes -m 'the target: every credential the exports reference'\n")
    subprocess.run([fps, script], check=True, stdout=subprocess.DEVNULL, env=env)
    return target


def hyperfine(commands, runs, env, scratch):
    """Mean, standard deviation and min wall time per command name."""
    out = os.path.join(scratch, "hyperfine.json")
    arguments = ["hyperfine", "--runs", str(runs), "--warmup", "1", "-N", "--export-json", out, "--style", "none"]
    for _, (command, prepare) in commands.items():
        arguments += ["--prepare", prepare or "true"]
    arguments += [command for command, _ in commands.values()]
    # hyperfine takes one --prepare per command, in order, when as many are given as commands.
    subprocess.run(arguments, check=True, env=env, stdout=subprocess.DEVNULL)
    results = json.load(open(out))["results"]
    return {name: (r["mean"], r["stddev"] or 0.0, r["min"]) for name, r in zip(commands, results)}


def peak_memory(command, prepare, env):
    if prepare:
        subprocess.run(["bash", "-c", prepare], check=True, env=env)
    result = subprocess.run(["/usr/bin/time", "-f", "%M", "bash", "-c", f"exec {command}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {command}\n{result.stderr[-800:]}")
    return int(result.stderr.strip().splitlines()[-1]) / 1024


def in_terminal(command, prepare, env, columns=80):
    """The migration's lines as a person sees them in a terminal `columns` wide (under `script`):
    how many, and the widest. The progress bar redraws itself with a carriage return, so a
    line is what lies between line ends and carriage returns, escape sequences left out."""
    subprocess.run(["bash", "-c", prepare], check=True, env=env)
    result = subprocess.run(["script", "-qec", f"stty cols {columns} rows 40; exec {command}", "/dev/null"], stdin=subprocess.DEVNULL,
                            capture_output=True, env=dict(env, TERM="xterm"))
    if result.returncode != 0:
        raise SystemExit(f"failed in a terminal ({result.returncode}): {command}")
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", result.stdout.decode("utf-8"))
    lines = text.replace("\r\n", "\n").split("\n")
    return len(lines) - 1, max(len(part) for line in lines for part in line.split("\r"))


def main():
    fps, root, python = sys.argv[1], sys.argv[2], sys.argv[3]
    counts = [int(count) for count in sys.argv[4:]] or [2000]
    baseline = os.environ.get("BASELINE")
    scratch = tempfile.mkdtemp()
    env = dict(os.environ, XDG_STATE_HOME=os.path.join(scratch, "state"), XDG_DATA_HOME=os.path.join(scratch, "data"), NO_COLOR="1")
    rows = []
    try:
        for count in counts:
            folder, exports = dataset(root, count)
            files = sorted(os.path.join(exports, name) for name in os.listdir(exports) if name.endswith(".json"))
            size = sum(os.path.getsize(path) for path in files)
            pristine = make_target(fps, folder, exports, env)
            work = os.path.join(scratch, "run.fpsw")
            script = os.path.join(scratch, "migrate.fps")
            with open(script, "w") as out:
                out.write(f"workspace new '{work}' as w --if-missing\nload '{exports}/*.json' into w\nmatch --auto\ncommit --yes -m 'bulk migration'\n")
            fresh = f"bash -c 'rm -rf {scratch}/state; cp {pristine} {work}; rm -f {work}-wal {work}-shm'"
            commands = {"fps load+match+commit": (f"{fps} {script}", fresh)}
            if baseline:
                commands["fps (baseline)"] = (f"{baseline} {script}", fresh)
            postgres, psql = os.environ.get("POSTGRES"), os.environ.get("PSQL")
            if postgres:
                database = f"{postgres}/bulk"
                into_postgres = os.path.join(scratch, "migrate-postgres.fps")
                with open(into_postgres, "w") as out:
                    out.write(f"load {database} as w\nload '{exports}/*.json' into w\nmatch --auto\ncommit --yes -m 'bulk migration'\n")
                fresh_database = (f"bash -c '{psql} -d postgres -c \"DROP DATABASE IF EXISTS bulk\" -c \"CREATE DATABASE bulk\""
                                  f" && {fps} -c \"workspace copy {pristine} {database}\" >/dev/null'")
                commands["fps into PostgreSQL"] = (f"{fps} {into_postgres}", fresh_database)
            commands["jq -S ."] = (f"bash -c \"find {exports} -name '*.json' -print0 | xargs -0 jq -S . >/dev/null\"", None)
            reader = f"import gc, glob, orjson; gc.disable(); [orjson.loads(open(p, 'rb').read()) for p in glob.glob('{exports}/*.json')]"
            commands["orjson read"] = (f"{python} -c \"{reader}\"", None)
            runs = 5 if count <= 5000 else 2
            times = hyperfine(commands, runs, env, scratch)
            peaks = {name: peak_memory(command, prepare, env) for name, (command, prepare) in commands.items()}
            screen = in_terminal(*commands["fps load+match+commit"], env)
            # The migration really committed every flow.
            check = subprocess.run(["sqlite3", work, "select count(*) from flows"], capture_output=True, text=True)
            committed = check.stdout.strip()
            if postgres:
                in_postgres = subprocess.run(f"{psql} -d bulk -c 'SELECT count(*) FROM flowport.flows'", shell=True, capture_output=True, text=True)
                committed += f" (file), {in_postgres.stdout.strip()} (PostgreSQL)"
            rows.append((count, len(files), size, times, peaks, committed, screen))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"{'flows':>6} {'MB':>6} {'tool':<22} {'mean s':>8} {'± s':>6} {'min s':>7} {'peak MiB':>9}")
    for count, nfiles, size, times, peaks, committed, (lines, widest) in rows:
        for name in times:
            mean, stddev, fastest = times[name]
            print(f"{count:>6} {size / 1e6:6.1f} {name:<22} {mean:8.3f} {stddev:6.3f} {fastest:7.3f} {peaks[name]:9.1f}")
        fps_time, fps_peak = times["fps load+match+commit"][0], peaks["fps load+match+commit"]
        ratios = {"fps/jq": fps_time / times["jq -S ."][0], "fps/orjson": fps_time / times["orjson read"][0],
                  "peak/files": fps_peak * 1024 * 1024 / size}
        text = ", ".join(f"{name} {value:.2f} ({'ok' if value <= TARGETS[name] else 'target'} <= {TARGETS[name]})" for name, value in ratios.items())
        print(f"{'':>14}{text}; flows committed: {committed}")
        print(f"{'':>14}in an 80-column terminal: {lines} lines ({lines / count:.1f} per flow), the widest {widest} columns"
              f" ({'ok' if widest <= 80 else 'target'} <= 80)")
        if "fps into PostgreSQL" in times:
            print(f"{'':>14}PostgreSQL/file time {times['fps into PostgreSQL'][0] / fps_time:.2f}, peak {peaks['fps into PostgreSQL'] / fps_peak:.2f}")
        if baseline:
            print(f"{'':>14}baseline/fps time {times['fps (baseline)'][0] / fps_time:.2f}, peak {peaks['fps (baseline)'] / fps_peak:.2f}")
    if len(rows) > 1:
        (small, _, _, first, *_), (large, _, _, last, *_) = rows[0], rows[-1]
        growth = last["fps load+match+commit"][0] / first["fps load+match+commit"][0]
        limit = 1.1 * large / small
        print(f"fps time grows {growth:.1f}x for {large // small}x the flows ({'ok' if growth <= limit else 'target'} <= {limit:.0f}x)")


if __name__ == "__main__":
    main()
