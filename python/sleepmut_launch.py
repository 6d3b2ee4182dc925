"""Starts a sleepmut process in its own process group, not a new session (a session leader cannot call os.setpgrp(), which some suites do), then runs `-m MODULE args` or `SCRIPT args` as the interpreter would."""
import os
import runpy
import sys


def main():
    os.setpgid(0, 0)  # sleepmut kills the whole group on timeout or interruption
    if sys.argv[1] == "-m":
        sys.argv = [sys.argv[2], *sys.argv[3:]]
        sys.path[0] = os.getcwd()  # what `python -m` puts first
        runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
    else:
        sys.argv = sys.argv[1:]
        sys.path[0] = os.path.dirname(os.path.abspath(sys.argv[0]))
        runpy.run_path(sys.argv[0], run_name="__main__")


if __name__ == "__main__":
    main()
