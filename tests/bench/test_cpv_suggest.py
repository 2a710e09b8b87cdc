"""CPV suggestion accuracy (not pass/fail): division top-1/top-3 on Doffin notices the model did not learn from
(every 5th notice held out, and 5-fold cross-validation), and on needs written by hand in bokmål, nynorsk and
English (tests/bench/judged_cpv.py). Also the training time and the model's memory."""

import os
import time
import tracemalloc
from collections import Counter

from portal.search import cpv_suggest
from tests.bench.common import load_notices, write_section
from tests.bench.judged_cpv import JUDGED_CPV, JUDGED_CPV_NEW
from tests.bench.judged_cpv_unseen import JUDGED_CPV_DEV, JUDGED_CPV_TEST

CEILING = """

Model: complement naive Bayes over divisions (stems and compound parts; notices, their additional divisions at
0.5, CPV labels at 0.3, each line of everyday words at 1 shared among its phrases) mixed with the nearest CPV
labels, everyday phrases and notices (stems, compound parts, letter 4-grams); divisions are ranked first, codes
within them by the neighbours. The everyday words (portal/data/cpv_everyday.tsv, about 440 lines) are what buyers
write where the official labels say it otherwise: strøm / straum / electricity for "Elektrisitet", leie av
lokaler for "Utleie … av egen fast eiendom", BPA, meals on wheels.

The sets: "hand-written needs" and the "2nd hand-written set" were written in session 3 (the 2nd before its
model, and its misses were read before the everyday words were written). The "unseen set" was written on
2026-12-06 by a separate session that never read or ran the suggester: its dev part (60) was used to check the
everyday words (two lines added from its misses); its test part (120) was run after the model was frozen,
and again after a cleanup of the data file (4 codes on two lines merged, 2 empty phrases): the same 97.5 %.
The target (≥ 90 % division top-3 from a need's text) is read on that test part.

Ceiling on the Doffin notices (read from the 44 misses of the every-5th split in session 3): 17 misses put one
of the notice's own additional divisions in the top 3 (e.g. ventilation service: main 51, additional 45/50);
about 14 more have a main division the text does not determine (leasing of an excavator filed under 66
financial leasing, parking under 63 or 98, gloves for the armed forces under 35 not 18, "Tonnvarer" under 03).
Doffin's main division at ≥ 0.90 is above what its texts determine; needs that state one need plainly, as the
hand-written sets do, are the measure of the target."""


def _accuracy(model, items) -> tuple[float, float, float]:
    """items: (text, main code or division[, other accepted divisions]) → (division top-1, division top-3,
    group top-3); with other divisions, a hit on one of them counts too."""
    top1 = top3 = g3 = 0
    for text, code, *others in items:
        s = [x["code"] for x in cpv_suggest.suggest(text, 5, model)]
        accepted = {code[:2], *(others[0] if others else ())}
        top1 += bool(s) and s[0][:2] in accepted
        top3 += bool(accepted & {c[:2] for c in s[:3]})
        g3 += len(code) > 2 and code[:3] in {c[:3] for c in s[:3]}
    k = len(items) or 1
    return top1 / k, top3 / k, g3 / k


def _notice_items(rows, additional=False):
    items = [(f"{n['title']} {n['description']}", n["cpv_main"]) for n in rows]
    if additional:  # the divisions of the notice's additional codes count as hits too
        return [(*item, {c[:2] for c in n.get("cpv_additional") or []}) for item, n in zip(items, rows, strict=True)]
    return items


def test_cpv_suggestion_accuracy():
    notices = load_notices()
    folds = [([n for i, n in enumerate(notices) if i % 5 == k], [n for i, n in enumerate(notices) if i % 5 != k])
             for k in range(5)]
    lines = ["| model | evaluated on | n | division top-1 | division top-3 | group top-3 |", "|---|---|---|---|---|---|"]

    ours = "labels + everyday words + notices"

    def row(name, on, n, acc):
        group = f"{acc[2]:.3f}" if on.startswith(("every", "5-fold")) else "–"
        lines.append(f"| {name} | {on} | {n} | {acc[0]:.3f} | {acc[1]:.3f} | {group} |")

    held, learn = folds[0]
    split = cpv_suggest.train(learn)
    row(ours, "every 5th notice held out", len(held), _accuracy(split, _notice_items(held)))
    row(ours, "every 5th held out, main or additional division", len(held),
        _accuracy(split, _notice_items(held, additional=True)))
    row("labels + everyday words", "every 5th notice held out", len(held),
        _accuracy(cpv_suggest.train([]), _notice_items(held)))
    per_fold = [_accuracy(split, _notice_items(held))] + [
        _accuracy(cpv_suggest.train(lrn), _notice_items(h)) for h, lrn in folds[1:]]
    mean = tuple(sum(f[i] for f in per_fold) / 5 for i in range(3))
    row(ours, "5-fold cross-validation (mean)", len(notices), mean)
    fold_top3 = ", ".join(f"{f[1]:.3f}" for f in per_fold)

    full = cpv_suggest.train(notices)
    misses = []
    # (language, text, division or code, other accepted divisions)
    sets = (("hand-written needs", [(*j, ()) for j in JUDGED_CPV]),
            ("2nd hand-written set", [(*j, ()) for j in JUDGED_CPV_NEW]),
            ("unseen set, dev", JUDGED_CPV_DEV), ("unseen set, test", JUDGED_CPV_TEST))
    for name, judged in sets:
        by_lang = Counter(lang for lang, *_ in judged)
        for lang in ("nb", "nn", "en"):
            items = [(text, code, others) for lg, text, code, others in judged if lg == lang]
            row(ours, f"{name}, {lang}", by_lang[lang], _accuracy(full, items))
        everything = [(text, code, others) for _, text, code, others in judged]
        row(ours, f"{name}, all", len(everything), _accuracy(full, everything))
        if name == "unseen set, test":  # the model of session 3, before the everyday words
            row("labels + notices", f"{name}, all", len(everything),
                _accuracy(cpv_suggest.train(notices, everyday_rows=[]), everything))
        misses += [(text[:60], code[:2], [s["code"] for s in cpv_suggest.suggest(text, 3, full)])
                   for _, text, code, others in judged
                   if not {code[:2], *others} & {s["code"][:2] for s in cpv_suggest.suggest(text, 3, full)}]

    cpv_suggest.train([])  # warm the CPV table and the stemmer's imports, as a running server has them
    cpv_suggest._word_features.cache_clear()
    started = time.perf_counter()
    model = cpv_suggest.train(notices)
    seconds = time.perf_counter() - started
    cpv_suggest._word_features.cache_clear()
    tracemalloc.start()
    model = cpv_suggest.train(notices)
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    started = time.perf_counter()
    for _, text, _ in JUDGED_CPV:
        cpv_suggest.suggest(text, 5, model)
    per_query = (time.perf_counter() - started) / len(JUDGED_CPV) * 1000

    table = "\n".join(lines)
    text = (f"{table}\n\nDivision top-3 per fold: {fold_top3}. Hand-written needs missed: "
            + ("; ".join(f"“{t}…” ({d}: got {', '.join(c)})" for t, d, c in misses) or "none")
            + f".\n\nTraining on the CPV labels + {len(notices)} notices: {seconds:.2f} s "
            f"(load average {os.getloadavg()[0]:.1f} on 2 cores), model + caches {size / 2**20:.1f} MiB; a suggestion takes {per_query:.1f} ms."
            + CEILING)
    print("\nCPV suggestion\n" + text)
    write_section("cpv-suggestion", "### CPV suggestion (division accuracy on notices the model did not learn from, "
                  "and on hand-written needs)\n\n" + text)
