"""locust, 20 users for 60 s over the main pages, search and API on gunicorn (4 workers, PostgreSQL)."""

import os
import subprocess
import sys
from pathlib import Path

LOCUST = str(Path(sys.executable).parent / "locust")
DURATION = os.environ.get("PORTAL_LOAD_SECONDS", "60")


def test_load_has_no_errors(deployment):
    out = subprocess.run(
        [LOCUST, "--headless", "-u", "20", "-r", "10", "-t", f"{DURATION}s", "--host", deployment.base_url,
         "-f", str(Path(__file__).parent / "locustfile.py"), "--only-summary"],
        capture_output=True, text=True, timeout=int(DURATION) + 120, check=False,
    )
    summary = [line for line in (out.stdout + out.stderr).splitlines() if line.startswith("LOAD:")]
    print("\n".join(summary) or out.stderr[-2000:])
    assert out.returncode == 0, (out.stdout + out.stderr)[-4000:]
    assert summary and " 0 failures" in summary[0]
