"""`newsweave` commands in forked processes: real processes, without the start-up cost.

A new interpreter spends ~10 s loading the models; a process forked from the
test process (which has loaded them once) runs the real command-line entry
point (`newsweave.cli.main`, with its exit codes and its stderr) at once.
The fork is a real process: it holds its own SQLite connections and locks, and
SIGKILL kills it like any other. The test process must hold no lock and no open
database when it forks (a child would inherit them).
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from newsweave.cli import main


def start(args: list[str], log: Path) -> int:
    """Fork a process running `newsweave ARGS`, its stdout and stderr into `log`; its pid."""
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:  # the child: never return into pytest
        out = open(log, "w", encoding="utf-8", buffering=1)  # noqa: SIM115 - until _exit
        os.dup2(out.fileno(), 1)
        os.dup2(out.fileno(), 2)
        sys.stdout = sys.stderr = out
        sys.argv = ["newsweave", *args]
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return pid  # never reached


def wait(pid: int) -> int:
    """The exit code of a forked command (negative: the signal that killed it)."""
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def run(args: list[str], log: Path) -> tuple[int, str]:
    code = wait(start(args, log))
    return code, log.read_text(encoding="utf-8", errors="replace")
