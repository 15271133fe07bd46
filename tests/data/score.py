#!/usr/bin/env python3
# Copy of ../shared/eval/score.py (the project scorer), kept so that
# tests/scripts/eval_matches_scorer.sh can check qawl-eval against it.
"""Score quote-attribution predictions against a gold file.

usage: score.py GOLD.jsonl PRED.jsonl [--show] [--json]

GOLD: one JSON object per line (see FORMAT.md):
  {"article": ID, "kind": "direct"|"partial"|"indirect", "text": QUOTE,
   "speaker": CANONICAL_ID or null, "mentions": [SURFACE, ...], "optional": bool}
PRED: one JSON object per line, a Quote record in protobuf's JSON mapping
  (snake_case or lowerCamelCase field names both accepted):
  {"article_id": ID, "kind": "DIRECT"|"PARTIAL"|"INDIRECT", "text": QUOTE,
   "speaker": {"id": CANONICAL_ID, "mention": SURFACE, "name": NAME}, ...}

Quotes are matched one to one within an article and a class ("direct" =
the source's own words, kinds direct and partial; "indirect" = reported
speech in the writer's words) by token overlap of the normalized texts (Dice >= 0.5, or a prediction
that covers 80% of the gold tokens and is at least 30% gold).
A matched quote is attributed correctly when the canonical speaker id is
equal (gold names one), or else when a predicted mention contains a gold
mention, is contained in one, or shares more than half of its tokens with one
(Dice > 0.5: "الرئيس الأميركي" is not "المتحدث الأميركي"), or, for gold quotes
with no speaker, when none is predicted.
Only the standard library is used.
"""
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict

_FOLD = str.maketrans({
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",
    "\u0649": "\u064a", "\u06cc": "\u064a", "\u06d2": "\u064a",
    "\u0629": "\u0647", "\u06c1": "\u0647", "\u06be": "\u0647",
    "\u06a9": "\u0643",
})
_DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")
_TOKEN = re.compile(r"\w+")


def normalize(text):
    text = unicodedata.normalize("NFKC", text or "")
    text = _DROP.sub("", text).translate(_FOLD).lower()
    return _TOKEN.findall(text)


def dice(a, b):
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return 2.0 * common / (len(a) + len(b))


def similarity(gold, pred):
    """Dice overlap; a prediction that covers >= 80% of the gold tokens while
    being at least 30% gold also pairs (scored 0.5): clause ends are fuzzy."""
    d = dice(gold, pred)
    if d >= 0.5 or not gold or not pred:
        return d
    common = sum((Counter(gold) & Counter(pred)).values())
    return 0.5 if common >= 0.8 * len(gold) and common >= 0.3 * len(pred) else d


def contains(big, small):
    return bool(small) and not (Counter(small) - Counter(big))


def field(obj, *names):
    for name in names:
        if isinstance(obj, dict) and obj.get(name) not in (None, ""):
            return obj[name]
    return None


def pred_kind(p):
    kind = str(field(p, "kind", "type") or "").upper()
    return kind.rsplit("_", 1)[-1].lower()


def cls(kind):
    return "indirect" if kind == "indirect" else "direct"


def speaker_ok(gold, pred):
    sp = field(pred, "speaker") or {}
    pid = field(sp, "id", "canonical_id", "canonicalId")
    surfaces = [normalize(s) for s in (field(sp, "mention"), field(sp, "name"), field(sp, "text")) if s]
    if gold.get("speaker"):
        return pid == gold["speaker"]
    mentions = [normalize(m) for m in gold.get("mentions") or []]
    if mentions:
        return any(contains(s, m) or contains(m, s) or dice(s, m) > 0.5 for s in surfaces for m in mentions)
    return not pid and not surfaces


def load(path):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if line:
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as err:
                    sys.exit(f"{path}:{number}: not JSON: {err}")


def score(gold_items, preds):
    by_key = defaultdict(lambda: ([], []))
    for g in gold_items:
        by_key[(g["article"], cls(g["kind"]))][0].append(g)
    for p in preds:
        article = str(field(p, "article_id", "articleId", "article") or "")
        by_key[(article, cls(pred_kind(p)))][1].append(p)

    stats = {c: Counter() for c in ("direct", "indirect")}
    misses, extras = [], []
    for (article, c), (golds, ps) in sorted(by_key.items()):
        gtok = [normalize(g["text"]) for g in golds]
        ptok = [normalize(field(p, "text")) for p in ps]
        pairs = sorted(((similarity(gt, pt), i, j) for i, gt in enumerate(gtok) for j, pt in enumerate(ptok)), reverse=True)
        gmatch, pmatch = {}, {}
        for sim, i, j in pairs:
            if sim < 0.5:
                break
            if i not in gmatch and j not in pmatch:
                gmatch[i], pmatch[j] = j, i
        s = stats[c]
        for i, g in enumerate(golds):
            if g.get("optional"):
                continue
            s["gold"] += 1
            if i in gmatch:
                s["found"] += 1
                if speaker_ok(g, ps[gmatch[i]]):
                    s["attributed"] += 1
                else:
                    misses.append((c, "wrong speaker", g, ps[gmatch[i]]))
            else:
                misses.append((c, "missed", g, None))
        for j, p in enumerate(ps):
            if j in pmatch and golds[pmatch[j]].get("optional"):
                continue
            s["pred"] += 1
            if j not in pmatch:
                extras.append((c, article, p))
    return stats, misses, extras


def prf(tp, pred, gold):
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    stats, misses, extras = score(list(load(args[0])), list(load(args[1])))
    summary = {}
    for c, s in stats.items():
        dp, dr, df = prf(s["found"], s["pred"], s["gold"])
        ap, ar, af = prf(s["attributed"], s["pred"], s["gold"])
        summary[c] = dict(gold=s["gold"], pred=s["pred"], detect_p=dp, detect_r=dr, detect_f1=df,
                          attrib_p=ap, attrib_r=ar, attrib_f1=af)
    if "--json" in argv:
        print(json.dumps(summary, indent=2))
        return
    if "--show" in argv:
        for c, why, g, p in misses:
            got = "" if p is None else f"  -> got speaker {json.dumps(field(p, 'speaker'), ensure_ascii=False)}"
            print(f"[{c}] {why}: {g['article']} {g['text'][:70]!r} (gold {g.get('speaker') or g.get('mentions')}){got}")
        for c, article, p in extras:
            print(f"[{c}] spurious: {article} {str(field(p, 'text'))[:70]!r}")
        print()
    print(f"{'class':9} {'gold':>5} {'pred':>5}   detect P    R    F1   attrib P    R    F1")
    for c, m in summary.items():
        print(f"{c:9} {m['gold']:5d} {m['pred']:5d}   {m['detect_p']:8.2f} {m['detect_r']:4.2f} {m['detect_f1']:5.2f}"
              f"   {m['attrib_p']:8.2f} {m['attrib_r']:4.2f} {m['attrib_f1']:5.2f}")
    print(f"score: direct_attrib_f1={summary['direct']['attrib_f1']:.3f} indirect_attrib_f1={summary['indirect']['attrib_f1']:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
