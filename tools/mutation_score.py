"""Run mutmut on the logic modules, one module at a time, and print each one's score.

``make mutation`` runs this. mutmut copies the tree into ``mutants/`` and, for each
mutant, runs only the tests of the selection in ``[tool.mutmut]`` (pyproject.toml)
that call the mutated function, under the derandomised "mutation" Hypothesis profile.
The score of a module is the share of its mutants that some test notices: killed, or
stopped for running too long (mutmut counts a timeout as killed too).

Usage::

    python tools/mutation_score.py [--max-children N] [--fail-under PERCENT] [MODULE ...]

A fresh run (the default) starts from an empty ``mutants/``. After adding tests,
``--keep --survivors`` retests only the mutants the last run did not catch (the
source being unchanged, a mutant once caught stays caught).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

PACKAGE = "neglect_protocol._logic"
MODULES = ("_rules", "_intervals", "_kappa", "_disclosure", "_decide")
CAUGHT = frozenset({"killed", "timeout"})
ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
MUTMUT = str(Path(sys.executable).with_name("mutmut"))


def run_module(module: str, max_children: int, only: list[str] | None = None) -> None:
    """Test the mutants of one module (all, or ``only`` those named); log to mutants/."""
    if only == []:
        return
    MUTANTS.mkdir(exist_ok=True)
    log = MUTANTS / f"mutmut-run{module}.log"
    print(f"mutating {PACKAGE}.{module} (log: {log.relative_to(ROOT)})", flush=True)
    environment = {**os.environ, "HYPOTHESIS_PROFILE": "mutation"}
    with log.open("w") as output:
        finished = subprocess.run(
            [
                MUTMUT,
                "run",
                "--max-children",
                str(max_children),
                *(only or [f"{PACKAGE}.{module}.*"]),
            ],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if finished.returncode != 0:
        sys.exit(f"mutmut run failed for {module} (exit {finished.returncode}); see {log}")


def results() -> dict[str, dict[str, str]]:
    """Each module's mutants, name to status, from ``mutmut results --all true``."""
    listing = subprocess.run(
        [MUTMUT, "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    by_module: dict[str, dict[str, str]] = {}
    for line in listing.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name.startswith(PACKAGE + "."):
            module = name[len(PACKAGE) + 1 :].split(".", 1)[0]
            by_module.setdefault(module, {})[name] = status
    return by_module


def report(modules: list[str], fail_under: float) -> bool:
    """Print killed / total and the percentage per module; whether all reach ``fail_under``."""
    counts = {module: Counter(mutants.values()) for module, mutants in results().items()}
    print()
    print(f"{'module':<13} {'killed':>6} / {'total':<5} {'score':>7}  not killed")
    passed = True
    for module in modules:
        by_status = counts.get(module, Counter())
        total = sum(by_status.values())
        caught = sum(by_status[status] for status in CAUGHT)
        score = 100 * caught / total if total else 0.0
        missed = sorted((status, count) for status, count in by_status.items())
        others = ", ".join(f"{count} {status}" for status, count in missed if status not in CAUGHT)
        print(f"{module:<13} {caught:>6} / {total:<5} {score:>6.1f}%  {others or '-'}")
        passed = passed and total > 0 and score >= fail_under
    return passed


def main() -> None:
    """Run the modules asked for (all five by default) and report their scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"some of {', '.join(MODULES)} (default: all)")
    parser.add_argument("--max-children", type=int, default=1)
    parser.add_argument("--fail-under", type=float, default=90.0)
    parser.add_argument("--keep", action="store_true", help="reuse mutants/ from the last run")
    parser.add_argument(
        "--survivors",
        action="store_true",
        help="with --keep, retest only the mutants the last run did not catch",
    )
    arguments = parser.parse_args()
    modules = list(arguments.modules) or list(MODULES)
    unknown = sorted(set(modules) - set(MODULES))
    if unknown:
        parser.error(f"not a logic module of this run: {', '.join(unknown)}")
    if not arguments.keep:
        shutil.rmtree(MUTANTS, ignore_errors=True)
    last = results() if arguments.keep and arguments.survivors else {}
    for module in modules:
        only = None
        if module in last:
            only = sorted(name for name, status in last[module].items() if status not in CAUGHT)
        run_module(module, arguments.max_children, only)
    if not report(modules, arguments.fail_under):
        sys.exit(f"a module scores below {arguments.fail_under:g}%")


if __name__ == "__main__":
    main()
