"""``make draft-eval``: ``briefing draft`` measured on real news, PolNeAR's dev split.

    python -m benchmarks.draft_eval [--eval-dir DIR] [--out DIR] [--jobs N]

Runs the scorer that comes with the evaluation set (``score.py`` in
``../shared/eval/polnear-dev``, beside this checkout) on the installed command, one
process per article as a user runs it, and writes ``benchmarks/draft_results.md``:
recall, precision, the named-speaker accuracy, how the other quotes fail, the wall time
for every article, and the figures on the two shipped articles. The articles are not
part of this repository (their texts belong to their publishers), so without the set
this says where it looked and stops.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVAL_DIR = REPO.parent / "shared" / "eval" / "polnear-dev"
RESULTS = REPO / "benchmarks" / "draft_results.md"


def seed_figures() -> dict[str, int]:
    """Quotations found on the shipped articles, against the passages in quotation marks,
    and how many were given a speaker."""
    sys.path.insert(0, str(REPO))
    from briefing.draft.speakers import read

    figures = {"passages": 0, "found": 0, "attributed": 0}
    for path in sorted((REPO / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        figures["passages"] += len(re.findall(r"“[^“”]*”", text))
        article, _ = read(text)
        figures["found"] += len(article.quotations)
        figures["attributed"] += sum(q.speaker is not None for q in article.quotations)
    return figures


def run_scorer(eval_dir: Path, out: Path, jobs: int) -> tuple[dict[str, object], float, float]:
    """The scorer's totals, its wall time, and the processor time of everything it ran
    (the drafts and the scoring), which a busy machine does not inflate as it does the
    wall time."""
    command = [
        sys.executable,
        str(eval_dir / "score.py"),
        "--eval-dir",
        str(eval_dir),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        "--draft-cmd",
        f"{Path(sys.executable).parent / 'briefing'} draft {{article}} -o {{out}}",
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, check=True, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    totals: dict[str, object] = json.loads((out / "totals.json").read_text(encoding="utf-8"))
    return totals, elapsed, cpu


def failures(out: Path) -> dict[str, int]:
    """The scorer's cases that are not right, counted by kind."""
    counts: dict[str, int] = {}
    for line in (out / "details.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        kind = case["type"]
        if kind == "speaker":
            kind = "speaker left as TODO" if case["draft_speaker"] == "TODO" else "wrong speaker"
            kind += " (" + ("named" if case["resolution"] == "named" else "pronoun") + ")"
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items()))


def report(
    totals: dict[str, object], elapsed: float, cpu: float, jobs: int, seeds: dict[str, int]
) -> str:
    dev = totals["dev"]
    assert isinstance(dev, dict)

    def share(right: str, total: str) -> str:
        return f"{dev[right]}/{dev[total]} = {dev[right] / dev[total]:.1%}"

    lines = [
        "# `briefing draft` on real news",
        "",
        "Written by `make draft-eval` (benchmarks/draft_eval.py): PolNeAR's dev split, "
        f"{dev['articles']} articles of 2016 US news, scored by the set's own `score.py`.",
        "",
        "| figure | measured | target (issue 16) |",
        "| --- | --- | --- |",
        f"| recall (gold quotes found) | {share('found', 'gold')} | 99% |",
        f"| precision (draft quotes that are gold quotes) | {share('draft_correct', 'draft')}"
        " | 97% |",
        f"| right speaker, speaker named in the text | {share('spk_right_named', 'spk_eval_named')}"
        " | 85% |",
        f"| right speaker, named or by pronoun | {share('spk_right', 'spk_eval')} | |",
        f"| {dev['articles']} articles, one `briefing draft` process each ({jobs} at a time)"
        f" | {elapsed:.1f} s wall (load average {os.getloadavg()[0]:.1f} on"
        f" {os.cpu_count()} cores); {cpu:.1f} s of processor time in all | 10 s |",
        f"| shipped articles: quotations found | {seeds['found']} of {seeds['passages']} | all |",
        f"| shipped articles: speakers given | {seeds['attributed']} of {seeds['found']} | |",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / ".work" / "polnear")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not (args.eval_dir / "score.py").is_file():
        print(f"draft-eval: no evaluation set at {args.eval_dir} (score.py missing)")
        return 2
    totals, elapsed, cpu = run_scorer(args.eval_dir, args.out, args.jobs)
    text = report(totals, elapsed, cpu, args.jobs, seed_figures())
    counts = failures(args.out)
    text += "\nWhat is not right, by kind (every case, with its context, in "
    text += f"`{args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}"
    text += "/details.jsonl`):\n\n"
    text += "".join(f"- {kind}: {count}\n" for kind, count in counts.items())
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
