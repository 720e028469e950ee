"""Benchmarks of turaz_data against what a user would otherwise run; writes BENCHMARKS.md.

    python benchmarks/run.py                 # full run (several minutes), rewrites BENCHMARKS.md
    python benchmarks/run.py --smoke --out /tmp/b.md   # 1 run, 100 rows: checks the script works

Every figure is the median of ``--repeats`` runs (after ``--warmup`` runs) of a command in a
fresh process, with its min and max, and a ratio against a baseline measured in the same run.
Wall times come from hyperfine where it is installed (import and load, whose figures are a few
milliseconds apart) and otherwise from ``time.perf_counter`` around ``subprocess.Popen``; peak
memory (max RSS) from ``os.wait4`` (getrusage of the child). Public tools only.

Synthetic ``events`` files (valid rows made from the models, see ``synth.py``) are written to a
temporary folder, never into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PY = sys.executable
HISTORY = Path(__file__).resolve().parent / "history.md"


# --------------------------------------------------------------------------- measuring


@dataclass
class Result:
    label: str
    argv: list[str]
    times: list[float] = field(default_factory=list)  # seconds
    rss: list[int] = field(default_factory=list)  # KiB
    tool: str = "perf_counter"

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def rss_median(self) -> float | None:
        return statistics.median(self.rss) if self.rss else None


def _env() -> dict:
    env = dict(os.environ)
    # validate honours $TURAZ_ARTICLE (it would check the synthetic rows' citations); verify is
    # given the article with --article
    env.pop("TURAZ_ARTICLE", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def run_once(argv: list[str], ok: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """Wall time (s) and peak RSS (KiB) of one run; raises if the exit code is not in ``ok``."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in ok:
        raise RuntimeError(f"command failed ({p.returncode}): {shell(argv)}\n{err[-2000:]}")
    return wall, usage.ru_maxrss


def measure(label: str, argv: list[str], repeats: int, warmup: int, rss: bool = True,
            ok: tuple[int, ...] = (0,)) -> Result:
    r = Result(label, argv)
    for _ in range(warmup):
        run_once(argv, ok)
    for _ in range(repeats):
        wall, peak = run_once(argv, ok)
        r.times.append(wall)
        if rss:
            r.rss.append(peak)
    return r


def measure_hyperfine(pairs: list[tuple[str, list[str]]], repeats: int, warmup: int) -> list[Result]:
    """Time commands with hyperfine (no shell, -N), falling back to perf_counter."""
    exe = shutil.which("hyperfine")
    if not exe:
        return [measure(label, argv, repeats, warmup, rss=False) for label, argv in pairs]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "h.json"
        cmd = [exe, "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(max(repeats, 2)),
               "--export-json", str(out)]
        cmd += [shell(argv) for _, argv in pairs]
        subprocess.run(cmd, cwd=ROOT, env=_env(), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        data = json.loads(out.read_text())["results"]
    return [Result(label, argv, times=list(d["times"]), tool="hyperfine") for (label, argv), d in zip(pairs, data)]


def shell(argv: list[str]) -> str:
    import shlex

    return " ".join(shlex.quote(a) for a in argv)


#: The folder of the generated files, shown as $WORK in the report (set by main).
WORK: list[str] = []


def show(argv: list[str]) -> str:
    """A command as a reader would type it: python for the interpreter, paths shortened
    (the folder of the generated files shown as $WORK)."""
    s = shell(argv).replace(PY, "python")
    for w in WORK:
        s = s.replace(w.rstrip("/") + "/", "$WORK/")
    return s.replace(str(ROOT) + "/", "").replace(str(ROOT.parent) + "/", "../")


# --------------------------------------------------------------------------- what is measured


def has_command(name: str) -> bool:
    p = subprocess.run([PY, "-m", "turaz_data", name, "--help"], cwd=ROOT, env=_env(), capture_output=True)
    return p.returncode == 0


def temp_package(folder: Path, events_file: Path) -> Path:
    """A copy of the data package whose events resource is ``events_file`` (others linked)."""
    from turaz_data.tables.storage import descriptor, table_path

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tables").mkdir(exist_ok=True)
    (folder / "datapackage.json").write_text(json.dumps(descriptor()), encoding="utf-8")
    for r in descriptor()["resources"]:
        dest = folder / r["path"]
        if dest.exists() or dest.is_symlink():
            dest.unlink()
        dest.symlink_to(events_file if r["name"] == "events" else Path(str(table_path(r["name"]))))
    return folder


def validate_argv(csv_path: Path, pkg: Path, cli: bool) -> list[str]:
    if cli:
        return [PY, "-m", "turaz_data", "validate", str(csv_path), "--table", "events"]
    code = ("import turaz_data; from turaz_data.tables.storage import load_frame; "
            f'turaz_data.validate(load_frame("events", package="{pkg}"), "events")')
    return [PY, "-c", code]


def full_argv(csv_path: Path) -> list[str]:
    code = ("import sys; from turaz_data.contrib.engine import validate_file; "
            f'sys.exit(validate_file("{csv_path}", "events", fast=False).exit_code)')
    return [PY, "-c", code]


def arrow_read_argv(csv_path: Path) -> list[str]:
    return [PY, "-c", f'import pyarrow.csv; pyarrow.csv.read_csv("{csv_path}")']


def real_rows_section(work: Path, sizes: list[int], fl_max: int, repeats: int, warmup: int, fl_repeats: int,
                      log) -> tuple[list[str], list[tuple[str, str, bool | None]]]:
    """Valid and one-bad-cell files of repeated shipped events rows: ours, pyarrow.csv.read_csv, frictionless."""
    from repeat import BAD_COLUMN, BAD_VALUE, generate as repeat

    lines, targets = [HEAD], []
    for n in sizes:
        good, bad = work / f"real_{n}.csv", work / f"real_{n}_bad.csv"
        if not good.exists():
            log(f"  repeating the shipped rows: {n} rows ...")
            repeat(good, n)
            repeat(bad, n, bad_last=True)
        base = measure(f"pyarrow.csv.read_csv {n:,} rows (baseline)", arrow_read_argv(good), repeats, warmup)
        ok = measure(f"turaz-data validate {n:,} real rows, valid", validate_argv(good, work, True), repeats, warmup)
        ko = measure(f"turaz-data validate {n:,} real rows, one bad cell in the last row",
                     validate_argv(bad, work, True), repeats, warmup, ok=(1,))
        lines += [row(base, None), row(ok, base), row(ko, ok)]
        targets += [
            (f"one bad cell in the last row at most 1.5x the valid file ({n:,} real rows)",
             f"{ko.median / ok.median:.2f}x", ko.median / ok.median <= 1.5),
            (f"peak memory at most 1 GB, one bad cell ({n:,} real rows)", fmt_mb(ko.rss_median),
             ko.rss_median is not None and ko.rss_median <= 1024 * 1024),
            (f"valid file at most 1.5x `pyarrow.csv.read_csv` ({n:,} real rows)",
             f"{ok.median / base.median:.2f}x", ok.median / base.median <= 1.5),
        ]
        if n <= fl_max:
            pkg = temp_package(work / f"pkg_real_{n}", good)
            pkg_bad = temp_package(work / f"pkg_real_{n}_bad", bad)
            for label, p, ours in (("valid", pkg, ok), ("one bad cell", pkg_bad, ko)):
                fl = measure(f"frictionless validate {n:,} real rows, {label} (baseline)",
                             [PY, "-m", "frictionless", "validate", str(p / "datapackage.json"), "--name", "events"],
                             fl_repeats, 0, ok=(0, 1))
                lines += [row(fl, None), f"| (ours, {label}, vs frictionless) | | | | | {fmt_s(fl.median)} | "
                          f"{ours.median / fl.median:.2f}x ({fl.median / ours.median:.1f}x faster) | |"]
                targets.append((f"at least 10x faster than `frictionless validate`, {label} ({n:,} real rows)",
                                f"{fl.median / ours.median:.1f}x faster", fl.median / ours.median >= 10))
        log(f"  {n}: valid {fmt_s(ok.median)}, one bad cell {fmt_s(ko.median)}, read_csv {fmt_s(base.median)}")
    text = ["## Validate a file of repeated real `events` rows", "",
            "The shipped `events` rows repeated (real text and lengths, Turkish characters; `benchmarks/repeat.py`: "
            "copy k of a row gets the id `ID-rK`), as a valid file and as the same file with one bad cell in its "
            f"last row (`{BAD_COLUMN} = {BAD_VALUE}`: rule `maximum`). Ours: `turaz-data validate FILE --table "
            "events` (the file engine: pyarrow's streaming reader, every rule screened on whole columns, the "
            "flagged cells worded), whole-process wall time. Baselines: `pyarrow.csv.read_csv` of the same file "
            f"(multithreaded, types inferred), and `frictionless validate` of a temporary data package whose events "
            f"file is it (`--name events`), at {fl_max:,} rows and fewer only ({fl_repeats} run each: it takes minutes).",
            "", *lines, ""]
    return text, targets


def article_path() -> Path:
    """The article the verifier reads: $TURAZ_ARTICLE, else ../shared/seeds/ beside the repository."""
    env = os.environ.get("TURAZ_ARTICLE")
    return Path(env) if env else ROOT.parent / "shared/seeds/000_ccf2ee7b6882ff5b.txt"


def verify_argv() -> tuple[list[str] | None, str]:
    if not has_command("verify"):
        return None, "not measured: the command is not on main yet"
    if not article_path().is_file():
        return None, f"not measured: no article at {article_path()} (set TURAZ_ARTICLE)"
    return [PY, "-m", "turaz_data", "verify", "--article", str(article_path())], ""


# --------------------------------------------------------------------------- report


def fmt_s(t: float) -> str:
    return f"{t * 1000:.0f} ms" if t < 1 else f"{t:.2f} s"


def fmt_mb(kib: float | None) -> str:
    return "-" if kib is None else f"{kib / 1024:.0f} MB"


def row(r: Result, base: Result | None) -> str:
    ratio = f"{r.median / base.median:.2f}x" if base else "-"
    b = f"{fmt_s(base.median)}" if base else "-"
    return (f"| {r.label} | `{show(r.argv)}` | {fmt_s(r.median)} | {fmt_s(min(r.times))} | {fmt_s(max(r.times))} "
            f"| {b} | {ratio} | {fmt_mb(r.rss_median)} |")


HEAD = ("| what | command | median | min | max | baseline median | ratio to baseline | peak RSS |\n"
        "|---|---|---|---|---|---|---|---|")


def machine() -> list[str]:
    import importlib.metadata as md

    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    vers = []
    for pkg in ("pandas", "pandera", "pydantic", "frictionless", "edtf", "pyarrow", "numpy"):
        try:
            vers.append(f"{pkg} {md.version(pkg)}")
        except md.PackageNotFoundError:
            pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    hf = shutil.which("hyperfine")
    hfv = subprocess.run([hf, "--version"], capture_output=True, text=True).stdout.strip() if hf else "not installed"
    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical cores; RAM {mem}",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()}",
        f"- {', '.join(vers)}",
        f"- hyperfine: {hfv}",
        f"- turaz_data commit: {commit or '?'}",
    ]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--smoke", action="store_true", help="1 run, no warm-up, 100-row files: checks the script works")
    ap.add_argument("--repeats", type=int, default=None, help="measured runs per command (default 5; 1 with --smoke)")
    ap.add_argument("--warmup", type=int, default=None, help="unmeasured runs first (default 1; 0 with --smoke)")
    ap.add_argument("--sizes", default=None, help="rows of the synthetic events files (default 10000,100000,1000000)")
    ap.add_argument("--tables", default=None, help="tables to load (default all; footnotes,events with --smoke)")
    ap.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"), help="where to write the report")
    ap.add_argument("--workdir", default=None, help="folder for the synthetic files (default: a temporary folder)")
    ap.add_argument("--real-sizes", default=None,
                    help="rows of the files of repeated real events rows (default 300000,1000000)")
    ap.add_argument("--frictionless-max", type=int, default=300_000,
                    help="time frictionless on the real-row files of at most this many rows (default 300000)")
    ap.add_argument("--frictionless-repeats", type=int, default=1, help="runs of frictionless on those files")
    a = ap.parse_args(argv)
    repeats = a.repeats or (1 if a.smoke else 5)
    warmup = a.warmup if a.warmup is not None else (0 if a.smoke else 1)
    sizes = [int(s) for s in (a.sizes or ("100" if a.smoke else "10000,100000,1000000")).split(",")]
    real_sizes = [int(s) for s in (a.real_sizes or ("200" if a.smoke else "300000,1000000")).split(",")]

    from synth import generate
    from turaz_data.tables.storage import table_names, table_path

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    tmp_ctx = tempfile.TemporaryDirectory(prefix="turaz-bench-") if a.workdir is None else None
    work = Path(a.workdir or tmp_ctx.name)
    WORK.append(str(work))
    work.mkdir(parents=True, exist_ok=True)
    sections: list[str] = []
    targets: list[tuple[str, str, bool | None]] = []  # (target, figure, met)
    try:
        # import
        log("import ...")
        base, imp = measure_hyperfine([("`python -c pass` (baseline)", [PY, "-c", "pass"]),
                                       ("import turaz_data", [PY, "-c", "import turaz_data"])], repeats, warmup)
        added = (imp.median - base.median) * 1000
        targets.append(("`import turaz_data` adds at most 20 ms", f"adds {added:.1f} ms ({imp.median / base.median:.2f}x)", added <= 20))
        sections += ["## Import", "", HEAD, row(base, None), row(imp, base), "",
                     f"Added by `import turaz_data`: **{added:.1f} ms** (median minus baseline median; measured with {imp.tool}).", ""]

        # load
        log("load ...")
        lines = [HEAD]
        worst = 0.0
        names = a.tables.split(",") if a.tables else (["footnotes", "events"] if a.smoke else table_names())
        for name in names:
            rel = str(Path(str(table_path(name))).relative_to(ROOT)) if str(table_path(name)).startswith(str(ROOT)) else str(table_path(name))
            b, r = measure_hyperfine([(f"read_csv {name} (baseline)", [PY, "-c", f"import pandas; pandas.read_csv(\"{rel}\")"]),
                                      (f"load {name}", [PY, "-c", f"import turaz_data; turaz_data.load(\"{name}\")"])], repeats, warmup)
            lines += [row(b, None), row(r, b)]
            worst = max(worst, r.median / b.median)
        targets.append(("`turaz_data.load(name)` at most 1.3x `pandas.read_csv` (each table, fresh process)", f"worst table {worst:.2f}x", worst <= 1.3))
        sections += ["## Load each table in a fresh process", "", *lines, ""]

        # validate
        cli = has_command("validate")
        log(f"validate (cli={cli}) ...")
        vlines = [HEAD]
        ours: dict[int, Result] = {}
        fl: dict[int, Result] = {}
        rc: dict[int, Result] = {}
        for n in sizes:
            f = work / f"events_{n}.csv"
            if not f.exists():
                log(f"  generating {n} rows ...")
                generate(f, n)
            pkg = temp_package(work / f"pkg_{n}", f)
            rc[n] = measure(f"read_csv {n:,} rows (baseline)", [PY, "-c", f"import pandas; pandas.read_csv(\"{f}\")"], repeats, warmup)
            fl[n] = measure(f"frictionless validate {n:,} rows (baseline)",
                            [PY, "-m", "frictionless", "validate", str(pkg / "datapackage.json"), "--name", "events"], repeats, warmup)
            ours[n] = measure(f"turaz-data validate {n:,} rows" if cli else f"turaz_data.validate(load_frame) {n:,} rows",
                              validate_argv(f, pkg, cli), repeats, warmup)
            vlines += [row(rc[n], None), row(fl[n], None),
                       row(ours[n], rc[n]),
                       f"| (same, vs frictionless) | | | | | {fmt_s(fl[n].median)} | {ours[n].median / fl[n].median:.2f}x "
                       f"({fl[n].median / ours[n].median:.1f}x faster) | |"]
            if cli:  # the engine fed by the csv-module reader (what comments, blank lines or ragged rows cost)
                full = measure(f"csv-module reader (validate_file(fast=False)) {n:,} rows", full_argv(f), repeats, warmup)
                vlines += [row(full, rc[n]),
                           f"| (same, vs frictionless) | | | | | {fmt_s(fl[n].median)} | {full.median / fl[n].median:.2f}x "
                           f"({fl[n].median / full.median:.1f}x faster) | |"]
            if cli:  # the library path alone: the loader and the Pandera schema, without the CLI's cell checks
                lib = measure(f"library: turaz_data.validate(load_frame) {n:,} rows", validate_argv(f, pkg, False), repeats, warmup)
                vlines += [row(lib, rc[n]),
                           f"| (same, vs frictionless) | | | | | {fmt_s(fl[n].median)} | {lib.median / fl[n].median:.2f}x "
                           f"({fl[n].median / lib.median:.1f}x faster) | |"]
            log(f"  {n}: ours {fmt_s(ours[n].median)}, frictionless {fmt_s(fl[n].median)}, read_csv {fmt_s(rc[n].median)}")
        big = max(sizes)
        speed = fl[big].median / ours[big].median
        targets.append((f"validate at least 5x faster than frictionless at {big:,} rows", f"{speed:.1f}x faster", speed >= 5))
        ratio = ours[big].median / rc[big].median
        targets.append((f"validate at most 3x `pandas.read_csv` at {big:,} rows", f"{ratio:.2f}x", ratio <= 3))
        peak = ours[big].rss_median
        targets.append((f"validate peak memory at most 1 GB at {big:,} rows", fmt_mb(peak), peak is not None and peak <= 1024 * 1024))
        scal = ""
        if len(sizes) >= 2:
            s0, s1 = sorted(sizes)[-2:]
            growth_mem = ours[s1].rss_median / ours[s0].rss_median
            growth_t = ours[s1].median / ours[s0].median
            targets.append((f"validate memory grows less than linearly ({s0:,} -> {s1:,} rows, x{s1 // s0})",
                            f"x{growth_mem:.2f}", growth_mem < s1 / s0))
            targets.append((f"validate time({s1:,}) / time({s0:,}) at most {12 * s1 // s0 // 10}",
                            f"{growth_t:.2f}", growth_t <= 1.2 * s1 / s0))
            scal = f"Scaling {s0:,} -> {s1:,} rows: time x{growth_t:.2f}, peak memory x{growth_mem:.2f}."
        what = ("`turaz-data validate FILE --table events` (the file engine, turaz_data/contrib/engine.py: pyarrow's "
                "CSV reader in blocks, every rule screened on whole columns, each flagged cell worded, so a file with "
                "a problem costs what a valid one does). The same engine fed by the csv-module reader (which reads "
                "what pyarrow's cannot: comments, blank lines, ragged rows) is timed as "
                "`validate_file(FILE, 'events', fast=False)`. Also, for comparison, the library path "
                "`turaz_data.validate(load_frame('events', package=...), 'events')` on a temporary copy of the data "
                "package whose events file is the synthetic one (whole file in memory)" if cli else
                "interim: `turaz-data validate` is not on main yet, so this times what it will do: "
                "`turaz_data.validate(load_frame('events', package=...), 'events')` on a temporary copy of the "
                "data package whose events file is the synthetic one")
        sections += ["## Validate a synthetic `events` file", "",
                     f"Ours: {what}. Baselines: `pandas.read_csv` of the same file, and `frictionless validate` of the "
                     "same table schema (the temporary data package, `--name events`, so that its foreign keys resolve "
                     "to the shipped tables, as ours do). The files hold valid rows made from the models by "
                     "`benchmarks/synth.py` (footnotes 1-59, actors of tables/actors.csv, agreement ids of "
                     "tables/agreements.csv, 10,007 distinct EDTF dates).", "",
                     *vlines, "", scal, ""]

        # repeated real rows: valid vs one bad cell, vs pyarrow.csv.read_csv, vs frictionless
        log("validate repeated real rows ...")
        text, more = real_rows_section(work, real_sizes, a.frictionless_max, repeats, warmup, a.frictionless_repeats, log)
        sections += text
        targets += more

        # verify
        va, why = verify_argv()
        if va:
            log("verify ...")
            code = subprocess.run(va, cwd=ROOT, env=_env(), capture_output=True).returncode
            r = measure("turaz-data verify", va, repeats, warmup, ok=(0, 1))
            targets.append(("`turaz-data verify` of all shipped tables under 1 s", fmt_s(r.median), r.median < 1))
            sections += ["## Verify", "", HEAD, row(r, None), "",
                         f"Exit code {code} ({'all claims verified' if code == 0 else 'some claims failed verification; timed all the same'}).", ""]
        else:
            targets.append(("`turaz-data verify` of all shipped tables under 1 s", why, None))
    finally:
        if tmp_ctx is not None:
            tmp_ctx.cleanup()

    status = {True: "met", False: "**missed**", None: "not measured"}
    out = ["# Benchmarks", "",
           "Generated by `python benchmarks/run.py`" + (" --smoke (NOT representative)" if a.smoke else "")
           + f"; do not edit by hand. {repeats} measured runs per command after {warmup} warm-up run(s); "
           "medians, min and max of wall time; peak RSS is the median of the runs' max resident set size. "
           "Every command runs in a fresh process from the repository root.", "",
           "## Machine", "", *machine(), "",
           "## Targets", "", "| target | figure | status |", "|---|---|---|",
           *[f"| {t} | {fig} | {status[m]} |" for t, fig, m in targets], "",
           *sections]
    if HISTORY.exists():
        out += [HISTORY.read_text(encoding="utf-8").rstrip(), ""]
    Path(a.out).write_text("\n".join(out), encoding="utf-8")
    log(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
