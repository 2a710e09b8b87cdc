"""Build hook: a wheel carries what `pip install .` needs to run outside the source tree.

The compiled translations (.mo, not kept in git) are made from the .po catalogues, and the
top-level templates/, static/ and migrations/ folders are copied into the package
(portal/templates, portal/static, portal/migrations), where `create_app` looks first.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = ("templates", "static", "migrations")


def compile_catalogues() -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in Path("portal/translations").glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as source:
            catalogue = read_po(source)
        with po.with_suffix(".mo").open("wb") as target:
            write_mo(target, catalogue, use_fuzzy=True)


class BuildPy(build_py):
    def run(self) -> None:
        compile_catalogues()
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the folders where they are
        for name in BUNDLED:
            target = Path(self.build_lib) / "portal" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(name, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".stamp"))


setup(cmdclass={"build_py": BuildPy})
