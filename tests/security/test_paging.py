"""Page numbers on every paginated page and API: huge, negative, non-numeric or non-ASCII digits
give the first or last page (pages) or a clean 400 (API), never a 500."""

import pytest

from tests.security.test_authz_matrix import clients, world  # noqa: F401  (fixtures)

BAD = ["9223372036854775807", "99999999999999999999999999", "-1", "0", "abc", "²", "1e9", ""]
# (role, path, page argument, text of the first item that the last page (here: the only one) shows)
PAGES = [
    ("admin", "/revisjonslogg/", "side", None),
    ("owner", "/revisjonslogg/organisasjon/{org}", "side", None),
    ("admin", "/admin/organisasjoner", "side", "Eierby kommune"),
    ("admin", "/admin/brukere", "side", "Eva Eier"),
    ("anonymous", "/behov", "page", "Bedre skoleskyss"),
    ("anonymous", "/sok?q=skoleskyss", "page", None),
    ("owner", "/leverandorer", "side", "Rival Renhold AS"),
]
# Each API with the paging arguments it takes.
APIS = [("/api/v1/needs", ("limit", "offset")), ("/api/v1/suppliers", ("limit", "offset")),
        ("/api/v1/search?q=skole", ("limit", "offset")), ("/api/v1/cpv/suggest?text=skole", ("limit",))]


@pytest.mark.parametrize("role, path, arg, shown", PAGES)
def test_pages_clamp_the_page_number(world, clients, role, path, arg, shown):  # noqa: F811
    url = path.format(org=world.owner_org.id)
    sep = "&" if "?" in url else "?"
    for value in BAD:
        resp = clients[role].get(f"{url}{sep}{arg}={value}")
        page = resp.get_data(as_text=True)
        assert resp.status_code == 200, f"{url} {arg}={value!r}: {resp.status_code}"
        if shown:
            assert shown in page, f"{url} {arg}={value!r} does not show the first/last page"


@pytest.mark.parametrize("path, args", APIS)
def test_apis_answer_400_to_bad_page_numbers(client, world, path, args):  # noqa: F811
    sep = "&" if "?" in path else "?"
    assert client.get(path).status_code == 200
    for arg in args:
        for value in BAD:
            resp = client.get(f"{path}{sep}{arg}={value}")
            expected = 200 if (arg, value) == ("offset", "0") else 400
            assert resp.status_code == expected, f"{path} {arg}={value!r}: {resp.status_code}"
            if expected == 400:
                assert resp.mimetype == "application/problem+json"
