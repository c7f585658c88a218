#!/usr/bin/env python3
"""Where do repeated trigrams come from? For template authors working on distinct-3.

  scripts/trigram-sources.py FILE.jsonl                      # classes, slots, intents, top trigrams
  scripts/trigram-sources.py FILE.jsonl --patterns INTENT [N] # N patterns with most repeats

FILE.jsonl is `gen-intents --format jsonl --edge-cases 0` output. Trigrams are taken
over lowercased whitespace tokens within one record, as validate-dataset counts
distinct-3. A "repeat" is an occurrence after the first, so distinct-3 =
1 - repeats / trigrams. The default report classifies every trigram occurrence by the
origin of its three tokens (fixed pattern text and [a|b] choices vs top-level slot
values from provenance) and counts repeats per class, per slot, per intent, then lists
the most repeated trigrams. --patterns shows, for one intent, the patterns whose
examples hold the most repeats, with each pattern's text and its most repeated
trigrams: the 3-word runs to break up with choices or larger vocabularies."""
import collections
import json
import signal
import sys


def records(path):
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                try:
                    r = json.loads(line)
                except ValueError as e:
                    sys.exit(f"trigram-sources: {path}:{n}: not JSON ({e}); expected gen-intents --format jsonl output")
                if isinstance(r, dict) and "text" in r:
                    yield r
    except OSError as e:
        sys.exit(f"trigram-sources: {path}: {e.strerror}")


def classes(recs):
    c = collections.Counter()
    rows = []
    for r in recs:
        t = r["text"].lower().split()
        slots = r["metadata"]["provenance"]["slots"]
        lab = ["F"] * len(t)
        for k, v in slots.items():
            vt = v.lower().split()
            if not vt:
                continue
            n = len(vt)
            for i in range(len(t) - n + 1):
                if t[i:i + n] == vt and all(x == "F" for x in lab[i:i + n]):
                    for j in range(i, i + n):
                        lab[j] = k + "#" + str(i)
                    break
        rows.append((t, lab, r["intent"]))
        for i in range(len(t) - 2):
            c[tuple(t[i:i + 3])] += 1
    seen = set()
    cls = collections.Counter()
    tot = collections.Counter()
    slotrep = collections.Counter()
    perint = collections.defaultdict(lambda: [0, 0])
    for t, lab, it in rows:
        for i in range(len(t) - 2):
            g = tuple(t[i:i + 3])
            l3 = lab[i:i + 3]
            if all(x == "F" for x in l3):
                k = "fixed"
            elif len(set(l3)) == 1:
                k = "inslot"
            elif l3.count("F") == 2:
                k = "2fixed+slot"
            elif "F" in l3:
                k = "1fixed+slot"
            else:
                k = "slot-slot"
            tot[k] += 1
            perint[it][1] += 1
            if g in seen:
                cls[k] += 1
                perint[it][0] += 1
                if k == "inslot":
                    slotrep[l3[0].split("#")[0]] += 1
            else:
                seen.add(g)
    total = sum(tot.values())
    print(f"records {len(rows)} trigrams {total} distinct-3 {len(c) / total:.4f}")
    for k in tot:
        print(f"{k:12} {tot[k]:7} repeats {cls[k]:6} = {cls[k] / total:.3f} of all")
    print("in-slot repeats by slot:", slotrep.most_common(25))
    for it, (a, b) in sorted(perint.items()):
        print(f"{it:20} {1 - a / b:.3f}")
    for g, v in c.most_common(40):
        print(v, " ".join(g))


def patterns(recs, intent, top):
    seen = set()
    reps = collections.Counter()
    tris = collections.Counter()
    uses = collections.Counter()
    texts = {}
    which = collections.defaultdict(collections.Counter)
    for r in recs:
        pid = r["metadata"]["provenance"]["template_id"]
        t = r["text"].lower().split()
        uses[pid] += 1
        texts.setdefault(pid, r["text"])
        for i in range(len(t) - 2):
            g = tuple(t[i:i + 3])
            tris[pid] += 1
            if g in seen:
                reps[pid] += 1
                which[pid][" ".join(g)] += 1
            else:
                seen.add(g)
    mine = [p for p in tris if p.split("/")[0] == intent]
    if not mine:
        sys.exit(f"trigram-sources: no examples of intent {intent!r}")
    t = sum(tris[p] for p in mine)
    r = sum(reps[p] for p in mine)
    print(f"{intent}: {t} trigrams, {r} repeats, distinct-3 {1 - r / t:.3f} (repeats of earlier examples of any intent)")
    for p in sorted(mine, key=lambda p: -reps[p])[:top]:
        print(f"\n{p}: {uses[p]} examples, {reps[p]} repeats ({reps[p] / tris[p]:.2f} of its trigrams)")
        print(f"  e.g. {texts[p]}")
        print("  " + "; ".join(f"{g} x{v}" for g, v in which[p].most_common(12)))


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0 if len(argv) >= 2 else 2
    recs = list(records(argv[1]))
    if not recs:
        sys.exit(f"trigram-sources: {argv[1]}: no examples with a text")
    if len(argv) >= 4 and argv[2] == "--patterns":
        patterns(recs, argv[3], int(argv[4]) if len(argv) > 4 else 20)
    else:
        classes(recs)
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends quietly
    sys.exit(main(sys.argv))
