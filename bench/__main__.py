"""`make bench`: run every benchmark in bench/ (bench_*.py), one after another.

Each runs in its own Python process: Odoo's configuration and registries are
process-wide, and every benchmark sets them up for its own database.
"""

import subprocess
import sys
from pathlib import Path

if __name__ == "__main__":
    selected = sys.argv[1:]
    failed = []
    for script in sorted(Path(__file__).parent.glob("bench_*.py")):
        if not selected or script.stem in selected:
            print(f"== {script.stem} ==", flush=True)
            run = subprocess.run(
                [sys.executable, "-m", f"bench.{script.stem}"],
                cwd=script.parents[1],
                check=False,
            )
            if run.returncode:
                failed.append(script.stem)
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")
