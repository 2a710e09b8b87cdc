"""CPV suggestion accuracy (not pass/fail): every 5th Doffin notice held out, the model learnt from the rest."""

from portal.search import cpv_suggest
from tests.bench.common import load_notices, write_section


def test_cpv_suggestion_accuracy():
    notices = load_notices()
    held = [n for i, n in enumerate(notices) if i % 5 == 0]
    train = [n for i, n in enumerate(notices) if i % 5 != 0]
    models = {"labels + notices": cpv_suggest.train(train), "labels only": cpv_suggest.train([])}
    lines = ["| model | held-out notices | division top-1 | division top-3 | group top-3 |", "|---|---|---|---|---|"]
    for name, model in models.items():
        top1 = top3 = g3 = 0
        for n in held:
            s = [x["code"] for x in cpv_suggest.suggest(f"{n['title']} {n['description']}", 5, model)]
            div = n["cpv_main"][:2]
            top1 += bool(s) and s[0][:2] == div
            top3 += div in {c[:2] for c in s[:3]}
            g3 += n["cpv_main"][:3] in {c[:3] for c in s[:3]}
        k = len(held)
        lines.append(f"| {name} | {k} | {top1 / k:.3f} | {top3 / k:.3f} | {g3 / k:.3f} |")
    table = "\n".join(lines)
    print("\nCPV suggestion\n" + table)
    write_section("cpv-suggestion", "### CPV suggestion (every 5th notice held out, model trained on the rest)"
                  "\n\n" + table)
