"""The numpy peer of bench/svd.ts: times numpy.linalg.svd (thin, with vectors) on matrices written by the bench.

Reads one JSON command a line on stdin, {"file": path, "rows": r, "cols": c, "min_seconds": t} for a raw
little-endian float64 row-major matrix, and answers one JSON line: {"seconds": mean wall seconds per svd call over
calls repeated until they fill t seconds (at least one), "calls": how many, "s": singular values}.
The first line it writes says it is ready and names numpy's version and BLAS.
"""
import json
import os
import sys
import time

import numpy


def library(name):
    """The file Debian's alternatives point libblas.so.3 or liblapack.so.3 at (reference, OpenBLAS, ...)."""
    for folder in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib"):
        candidate = os.path.join(folder, name)
        if os.path.exists(candidate):
            return os.path.realpath(candidate)
    return "unknown"


def main():
    print(json.dumps({"numpy": numpy.__version__, "blas": library("libblas.so.3"), "lapack": library("liblapack.so.3")}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if command.get("quit"):
            break
        rows, cols = command["rows"], command["cols"]
        a = numpy.fromfile(command["file"], dtype="<f8")
        if a.size != rows * cols:
            raise SystemExit(f"svd_numpy.py: {command['file']} holds {a.size} values, expected {rows} x {cols}")
        a = a.reshape(rows, cols)
        # Calls repeated until they fill min_seconds (at least one); the mean per call.
        min_seconds = command.get("min_seconds", 0)
        calls = 0
        start = time.perf_counter()
        while True:
            _, s, _ = numpy.linalg.svd(a, full_matrices=False)
            calls += 1
            if time.perf_counter() - start >= min_seconds:
                break
        seconds = (time.perf_counter() - start) / calls
        print(json.dumps({"seconds": seconds, "calls": calls, "s": s.tolist()}), flush=True)


if __name__ == "__main__":
    main()
