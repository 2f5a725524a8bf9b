"""Time to first paint in a real terminal: the in-repo fallback for ../shared/tools/ttfp.py.

A run starts the command in a new, detached tmux session of a fixed size and reads the
pane with ``capture-pane`` every few milliseconds; it ends when every marker string is on
screen. The time is taken when the capture that shows the last marker returns, so it
errs late by at most one poll. The tmux server is private (its own socket), kept alive
by an idle session so each run pays for a session, not for a server start.

    python -m benchmarks.firstpaint suite CASES.json --out RESULTS.json [--home DIR]

CASES.json is a list of {label, cmd, markers, runs?, warmup?, timeout?, cwd?, env?,
width?, height?, keys?, after?}; RESULTS.json holds {"raw": {label: [run, ...]}}, each run
with ok, t_all (seconds), markers (seconds per marker), mem_kib (VmHWM, VmRSS), screen,
error. Beyond the shared tool: with ``keys``, once the screen is drawn those keys are sent
and ``key_s`` is the time until every ``after`` marker shows (a key answered).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import signal
import subprocess
import sys
import time
from typing import Any

POLL = 0.005


class Server:
    def __init__(self, home: str) -> None:
        self.socket = f"bench-{os.getpid()}"
        drop = ("TMUX", "TMUX_PANE", "COLUMNS", "LINES")  # Textual believes COLUMNS over tmux
        self.env = {k: v for k, v in os.environ.items() if k not in drop}
        self.env.update(
            HOME=home,
            XDG_CONFIG_HOME=f"{home}/.config",
            XDG_CACHE_HOME=f"{home}/.cache",
            XDG_DATA_HOME=f"{home}/.local/share",
            XDG_STATE_HOME=f"{home}/.local/state",
            LANG="C.UTF-8",
            LC_ALL="C.UTF-8",
            COLORTERM="truecolor",
        )
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "idle", "exec sleep 86400")
        for option, value in (("status", "off"), ("remain-on-exit", "on")):
            self.tmux("set-option", "-g", option, value)
        self.tmux("set-option", "-g", "default-terminal", "tmux-256color")

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], env=self.env, capture_output=True, text=True
        )

    def close(self) -> None:
        self.tmux("kill-server")


def _memory(pid: int) -> dict[str, int]:
    found: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmHWM", "VmRSS"):
                    found[key] = int(rest.split()[0])
    except OSError:
        pass
    return found


def _wait_gone(pid: int, seconds: float) -> None:
    """Wait for the pane's process to exit; SIGKILL it (ours alone) if it will not."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def one_run(server: Server, case: dict[str, Any], number: int) -> dict[str, Any]:
    name = f"run-{number}"
    command = case["cmd"]
    if case.get("env"):
        pairs = " ".join(shlex.quote(f"{k}={v}") for k, v in case["env"].items())
        command = f"env {pairs} {command}"
    size = [str(case.get("width", 120)), str(case.get("height", 40))]
    args = ["new-session", "-d", "-s", name, "-x", size[0], "-y", size[1]]
    args += ["-P", "-F", "#{pane_id} #{pane_pid}"]
    if case.get("cwd"):
        args += ["-c", case["cwd"]]
    run: dict[str, Any] = {"ok": False, "markers": {}}
    t0 = time.perf_counter()
    started = server.tmux(*args, f"exec {command}")
    if started.returncode:
        run["error"] = f"tmux new-session failed: {started.stderr.strip()}"
        return run
    pane, pid = started.stdout.split()
    try:
        screen, error = _wait_for(server, pane, case["markers"], t0, run["markers"],
                                  t0 + case.get("timeout", 30.0))  # fmt: skip
        run["ok"] = error is None
        if run["ok"]:
            run["t_all"] = max(run["markers"].values())
        run["mem_kib"] = _memory(int(pid))
        if run["ok"] and case.get("keys"):
            sent = time.perf_counter()
            server.tmux("send-keys", "-t", pane, case["keys"])
            answer: dict[str, float] = {}
            screen, key_error = _wait_for(server, pane, case["after"], sent, answer, sent + 10)
            if key_error is None:
                run["key_s"] = max(answer.values())
            else:
                run["key_error"] = key_error
        run["screen"] = screen
        if error:
            run["error"] = error
    finally:
        server.tmux("kill-session", "-t", f"={name}")
        _wait_gone(int(pid), 5.0)
    return run


def _wait_for(
    server: Server,
    pane: str,
    markers: list[str],
    t0: float,
    seen_at: dict[str, float],
    deadline: float,
) -> tuple[str, str | None]:
    """Poll the pane until every marker is on it; (last screen, error or None)."""
    waiting = list(markers)
    screen = ""
    while waiting:
        asked = time.perf_counter()
        shot = server.tmux("capture-pane", "-p", "-t", pane, ";", "display", "-p", "-t", pane,
                           "#{pane_dead}")  # fmt: skip
        seen = time.perf_counter()
        screen, _, dead = shot.stdout.rstrip("\n").rpartition("\n")
        for marker in [m for m in waiting if m in screen]:
            seen_at[marker] = seen - t0
            waiting.remove(marker)
        if waiting and (dead.strip() == "1" or seen > deadline):
            why = "the program exited" if dead.strip() == "1" else "timed out"
            return screen, f"{why}; never saw {waiting}"
        time.sleep(max(0.0, POLL - (time.perf_counter() - asked)) if waiting else 0)
    return screen, None


def suite(cases: list[dict[str, Any]], home: str) -> dict[str, Any]:
    os.makedirs(home, exist_ok=True)
    server = Server(home)
    raw: dict[str, list[dict[str, Any]]] = {}
    number = 0
    try:
        for case in cases:
            runs = raw.setdefault(case["label"], [])
            warmup = case.get("warmup", 0)
            for count in range(warmup + case.get("runs", 1)):
                number += 1
                run = one_run(server, case, number)
                run["warmup"] = count < warmup
                runs.append(run)
                shown = f"{run['t_all'] * 1000:.0f} ms" if run["ok"] else run.get("error")
                print(f"  [{case['label']}] {shown}", file=sys.stderr, flush=True)
                time.sleep(0.2)
    finally:
        server.close()
    return {"raw": raw, "meta": {"harness": "benchmarks.firstpaint", "poll_s": POLL}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.firstpaint")
    parser.add_argument("mode", choices=("suite",))
    parser.add_argument("cases")
    parser.add_argument("--out", required=True)
    parser.add_argument("--home", default="/tmp/benchmarks-firstpaint-home")
    args = parser.parse_args(argv)
    with open(args.cases, encoding="utf-8") as f:
        cases = json.load(f)
    result = suite(cases, args.home)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
