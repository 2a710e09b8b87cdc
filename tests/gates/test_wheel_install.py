"""A production install: the wheel, installed WITHOUT extras in a fresh venv, migrates and serves.

Run outside the source tree, so it proves that the wheel carries its templates, static files,
migrations and compiled translations, and that `[project].dependencies` is complete.
"""

import os
import subprocess
import sys
import urllib.request
import venv

from tests.gates.conftest import ROOT, free_port, wait_for


def _run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True, timeout=600, **kwargs)


def _get(url: str, cookie: str = "") -> str:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as resp:  # noqa: S310 - loopback only
        return resp.read().decode()


def test_wheel_without_extras_migrates_and_serves(tmp_path):
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "dist", ROOT)
    (wheel,) = (tmp_path / "dist").glob("moteplassen-*.whl")
    venv.create(tmp_path / "venv", with_pip=True)
    bin_dir = tmp_path / "venv" / "bin"
    _run(bin_dir / "pip", "install", "-q", wheel)

    site = tmp_path / "site"  # an empty working directory: nothing of the source tree is reachable
    site.mkdir()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "FLASK_", "PYTHON"))}
    env.update(FLASK_APP="portal:create_app", PORTAL_INSTANCE_DIR=str(site / "instance"),
               PORTAL_SECRET_KEY="wheel-test", PORTAL_BASE_URL=f"http://127.0.0.1:{port}")
    upgrade = _run(bin_dir / "flask", "db", "upgrade", cwd=site, env=env)
    assert "Traceback" not in upgrade.stderr
    server = subprocess.Popen([bin_dir / "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}",
                               "portal:create_app()"], cwd=site, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
        assert '"status"' in _get(f"http://127.0.0.1:{port}/healthz")
        front = _get(f"http://127.0.0.1:{port}/")
        assert "Møteplassen" in front and "/static/" in front  # templates are there
        for sheet in ("css/portal.css", "vendor/designsystemet/designsystemet.css"):
            assert f"/static/{sheet}" in front and _get(f"http://127.0.0.1:{port}/static/{sheet}")  # static files
        english = _get(f"http://127.0.0.1:{port}/om", cookie="lang=en")
        assert '<html lang="en"' in english and "About Møteplassen" in english  # compiled translations
    finally:
        server.terminate()
        server.wait(timeout=30)
