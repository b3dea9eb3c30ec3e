"""`make bench`: run every benchmark in bench/ (bench_*.py), one after another."""

import runpy
import sys
from pathlib import Path

if __name__ == "__main__":
    selected = sys.argv[1:]
    for script in sorted(Path(__file__).parent.glob("bench_*.py")):
        if not selected or script.stem in selected:
            print(f"== {script.stem} ==", flush=True)
            runpy.run_path(str(script), run_name="__main__")
