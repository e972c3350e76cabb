#!/usr/bin/env python3
"""room_latency.py - keystroke-to-room latency and the room's idle CPU,
for `make bench` (tests/bench/run.sh).

    room_latency.py PBL DB MODULES KEYS IDLE_SECONDS

Runs the console (`pbl facilitate sample-module`) and the room view
(`pbl room`) on two pseudo-terminals of 120x35, as on a projector's
extended display. On the first question it types KEYS characters into the
console, one at a time, and times each from the write of the key to the
first byte the room writes after it: the room draws nothing while nothing
changed, so that byte is its redraw. A random pause of 0-50 ms between keys
keeps them out of step with the room's poll timer; a space is typed
every 27 keys and not timed (at the end of a line it changes no cell, so
the room writes nothing). Then the room sits idle
for IDLE_SECONDS and its CPU time (utime + stime) over that window is read
from /proc.

Prints one line: "p50_ms p99_ms max_ms idle_cpu_percent missed", where
missed counts keys the room did not show within a second."""
import os
import pty
import random
import select
import struct
import sys
import termios
import fcntl
import time


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 35, 120, 0, 0))
    return pid, fd


def drain(fd, quiet=0.005):
    """Reads what fd has until it is quiet for `quiet` seconds."""
    while select.select([fd], [], [], quiet)[0]:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def wait_for(fd, text, timeout=5.0):
    """Reads fd until `text` was written (True) or timeout (False)."""
    buf = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                return False
            if text in buf:
                return True
    return False


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def main():
    pbl, db, mods, keys, idle = sys.argv[1:6]
    keys, idle = int(keys), float(idle)
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8",
               LC_ALL="C.UTF-8", PBL_DB=db)
    env.pop("PBL_NOW", None)
    cpid, cfd = spawn([pbl, "--modules", mods, "facilitate", "sample-module",
                       "--group", "Bench"], env)
    if not wait_for(cfd, b"First paragraph"):
        sys.exit("the console did not start")
    rpid, rfd = spawn([pbl, "room"], env)
    if not wait_for(rfd, b"First"):
        sys.exit("the room did not start")
    os.write(cfd, b"\x1b[C\x1b[C")  # Right Right: the first question
    time.sleep(0.3)
    os.write(cfd, b"e")
    time.sleep(1.5)  # the console notices the room (once a second)
    drain(cfd)
    drain(rfd, 0.2)
    lat, missed = [], 0
    for i in range(keys):
        ch = b"abcdefghij klmnopqrstuvwxyz"[i % 27:i % 27 + 1]
        t0 = time.monotonic()
        os.write(cfd, ch)
        if ch == b" ":  # a space at the end of a line changes no cell
            time.sleep(0.1)
            drain(rfd)
            continue
        if select.select([rfd], [], [], 1.0)[0]:
            lat.append((time.monotonic() - t0) * 1000)
        else:
            missed += 1
        drain(rfd)
        drain(cfd, 0)
        time.sleep(random.uniform(0, 0.050))
    drain(rfd, 0.3)
    before = cpu_ticks(rpid)
    t0 = time.monotonic()
    end = t0 + idle
    while time.monotonic() < end:  # keep both ptys drained meanwhile
        select.select([rfd, cfd], [], [], 0.5)
        drain(rfd, 0)
        drain(cfd, 0)
    ticks = cpu_ticks(rpid) - before
    secs = time.monotonic() - t0
    cpu = 100.0 * ticks / os.sysconf("SC_CLK_TCK") / secs
    os.write(cfd, b"\x1bqy")  # stop typing, quit, yes
    os.write(rfd, b"q")
    for pid in (cpid, rpid):
        for _ in range(50):
            if os.waitpid(pid, os.WNOHANG)[0]:
                break
            time.sleep(0.1)
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    lat.sort()
    if not lat:
        sys.exit("the room showed no key")
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
    print(f"{p(0.5):.1f} {p(0.99):.1f} {lat[-1]:.1f} {cpu:.2f} {missed}")


main()
