"""Check every page the tests rendered with the Nu Html Checker (one JVM start)."""

import json
import subprocess
import sys
from pathlib import Path

VNU = Path("node_modules/vnu-jar/build/dist/vnu.jar")


def main(folder: str) -> int:
    files = sorted(Path(folder).glob("*.html"))
    if not files:
        print("htmlcheck: no pages were rendered")
        return 1
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", folder],
        capture_output=True, text=True, check=False,
    )
    messages = json.loads(result.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error"]
    for m in errors:
        print(f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}\n    {m.get('extract', '').strip()[:160]}")
    print(f"htmlcheck: {len(files)} distinct pages checked, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "out/html"))
