#!/usr/bin/env python3
"""Drives `waarborg interview` through a pseudo-terminal, as a person at a terminal would.

Usage: pty_drive.py SCRIPT -- COMMAND...
SCRIPT is a JSON list of steps: {"expect": "text"} waits until the screen (all output so
far) shows the text after the previous match; {"send": "text"} types it; {"interrupt": true}
presses Ctrl-C. Prints the screen, then a last line `exit N` (the command's exit status, or
128+signal). A step that waits more than 30 seconds stops with `timeout waiting for ...`.
"""
import json
import os
import pty
import select
import signal
import sys
import time


def main():
    split = sys.argv.index("--")
    steps = json.loads(open(sys.argv[1]).read())
    command = sys.argv[split + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(command[0], command)
    screen = b""
    position = 0
    ended = False

    def pump(timeout):
        """Reads what the terminal shows; False once the command has closed it."""
        nonlocal screen, ended
        if ended:
            return False
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b""
        if not data:
            ended = True
            return False
        screen += data
        return True

    failure = None
    for step in steps:
        if "expect" in step:
            wanted = step["expect"].encode()
            deadline = time.time() + 30
            while screen.find(wanted, position) < 0 and time.time() < deadline and pump(0.2):
                pass
            found = screen.find(wanted, position)
            if found < 0:
                failure = "timeout waiting for " + repr(step["expect"])
                break
            position = found + len(wanted)
        elif "send" in step:
            os.write(fd, step["send"].encode())
        elif "interrupt" in step:
            os.write(fd, b"\x03")
    deadline = time.time() + 30
    while time.time() < deadline and pump(0.2):
        pass
    if not ended:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        code = 128 - code
    sys.stdout.write(screen.decode("utf-8", "replace").replace("\r\n", "\n"))
    if failure:
        sys.stdout.write("\n" + failure + "\n")
    sys.stdout.write("\nexit %d\n" % code)


main()
