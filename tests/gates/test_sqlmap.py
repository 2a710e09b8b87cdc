"""sqlmap against every GET parameter of search, lists and the API, and the login/registration forms."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SQLMAP = shutil.which("sqlmap") or str(Path(sys.executable).parent / "sqlmap")
FOUND = "identified the following injection point"

# (path with query string, parameters to test); paths that do not exist yet are skipped.
GET_TARGETS = [
    ("/behov?q=skole&status=published&kind=need&county=03&cpv=45&sort=newest&side=1", "q,status,kind,county,cpv,sort,side"),
    ("/leverandorer?q=renhold&county=03&cpv=90&size=small&social=1&cert=ISO+9001&side=1", "q,county,cpv,size,social,cert,side"),
    ("/sok?q=renhold&type=need&county=03&cpv=90&sort=relevance&side=1", "q,type,county,cpv,sort,side"),
    ("/api/v1/needs?limit=5&offset=0&status=published&county=03&cpv=45", "limit,offset,status,county,cpv"),
    ("/api/v1/suppliers?limit=5&offset=0&county=03&cpv=90&size=small", "limit,offset,county,cpv,size"),
    ("/api/v1/search?q=skole&type=need&limit=5&offset=0", "q,type,limit,offset"),
    ("/api/v1/cpv/suggest?text=skole&limit=5", "text,limit"),
    ("/feeds/needs.atom?county=03&cpv=45", "county,cpv"),
]
FORM_TARGETS = [
    ("/logg-inn", "email=test%40example.no&password=feilpassord1", "email,password"),
    ("/registrer", "name=Test&email=test%40example.no&password=passord12345&password2=passord12345", "name,email"),
]


def _sqlmap(args: list[str], tmp_path: Path) -> str:
    cmd = [SQLMAP, "--batch", "--level=2", "--risk=1", "--technique=BEUS", "--threads=4", "--smart",
           "--disable-coloring", f"--output-dir={tmp_path}", *args]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False).stdout
    return out


def _exists(deployment, path: str) -> bool:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(deployment.base_url + path.split("?")[0], timeout=10):  # noqa: S310
            return True
    except urllib.error.HTTPError as exc:
        return exc.code != 404


@pytest.mark.parametrize(("path", "params"), GET_TARGETS, ids=[t[0].split("?")[0] for t in GET_TARGETS])
def test_get_parameters_are_not_injectable(deployment, tmp_path, path, params):
    if not _exists(deployment, path):
        pytest.skip(f"{path} does not exist in this build")
    out = _sqlmap(["-u", deployment.base_url + path, "-p", params], tmp_path)
    assert FOUND not in out, out[-3000:]


@pytest.mark.parametrize(("path", "data", "params"), FORM_TARGETS, ids=[t[0] for t in FORM_TARGETS])
def test_forms_are_not_injectable(deployment, tmp_path, path, data, params):
    url = deployment.base_url + path
    out = _sqlmap(["-u", url, "--data", data, "-p", params, "--csrf-token=csrf_token", f"--csrf-url={url}"], tmp_path)
    assert FOUND not in out, out[-3000:]
