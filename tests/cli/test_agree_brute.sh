# agree against a brute-force count: a generated project of six documents
# and about 3,000 segments of three coders at seeded pseudo-random
# positions (inserted with Python's sqlite3, as bench/coding.sh does), and
# a Python count that lists every unit one by one with exact fractions.
# team_agree sweeps span boundaries one document's rows at a time; the
# tables must be the same to the last digit.

# brute_setup: p.anker with the documents, codes 1-5 (5 unused) and the
# segments; cem coded nothing in the sixth document.
brute_setup() {
	anker -p p.anker init 2>/dev/null
	python3 - <<'PY'
import random
r = random.Random(18)
# umlauts: code points and bytes differ (paragraphs are found in both)
words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "Grüße", "Maß"]
for d in range(1, 7):
    lines = []
    for k in range(r.randint(8, 20)):
        # some blank and white-space paragraphs: not units unless --blank-units
        lines.append("" if r.random() < 0.15 else "  " if r.random() < 0.05 else
                     " ".join(r.choice(words) for _ in range(r.randint(1, 12))))
    with open("d%d.txt" % d, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
PY
	anker -p p.anker import -q d1.txt d2.txt d3.txt d4.txt d5.txt d6.txt
	printf 'T\n\nCodesystem\n\n1 A\n2 B\n3 C\n4 D\n5 E\n\n' > cb.txt
	anker -p p.anker codebook import cb.txt 2>/dev/null
	python3 - <<'PY'
import random, sqlite3
r = random.Random(1818)
db = sqlite3.connect("p.anker")
db.execute("PRAGMA foreign_keys = ON")
for i, n in enumerate(["anna", "ben", "cem"]):
    db.execute("INSERT INTO coder(guid, name) VALUES (?, ?)",
               ("00000000-0000-4000-8000-00000000c00%d" % i, n))
coders = [row[0] for row in db.execute("SELECT id FROM coder WHERE name IN ('anna','ben','cem') ORDER BY name")]
codes = [row[0] for row in db.execute("SELECT id FROM code WHERE number IN ('1','2','3','4') ORDER BY number")]
docs = list(db.execute("SELECT id, chars, name FROM document ORDER BY name"))
g = 0
for doc, chars, name in docs:
    for _ in range(500):
        k = r.randrange(3)
        if name == "d6" and k == 2:
            continue
        s = r.randrange(chars)
        e = min(chars, s + 1 + r.randrange(60))
        g += 1
        db.execute("INSERT OR IGNORE INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", "
                   "created, modified) VALUES (?, ?, ?, ?, ?, ?, '2025-01-01T00:00:00Z', "
                   "'2025-01-01T00:00:00Z')",
                   ("00000000-0000-4000-8000-%012d" % g, doc, r.choice(codes), coders[k], s, e))
db.commit()
PY
}

# brute CODERS UNIT [ignore] [blank]: the table agree prints (TSV), counted
# unit by unit.
brute() {
	python3 - "$@" <<'PY'
import sqlite3, sys
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction as F
names, unit = sys.argv[1].split(","), sys.argv[2]
ignore, blank = "ignore" in sys.argv[3:], "blank" in sys.argv[3:]
db = sqlite3.connect("p.anker")
cid = {n: db.execute("SELECT id FROM coder WHERE name = ?", (n,)).fetchone()[0] for n in names}
codes = list(db.execute("SELECT id, number, name FROM code ORDER BY number"))
m = len(names)
def units_of(text):
    """Per code point its unit (None: none), and the number of units."""
    if unit == "document":
        return [0] * len(text), 1
    if unit == "char":
        return list(range(len(text))), len(text)
    lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
    of, n = [], 0
    for k, line in enumerate(lines):
        u = None if not blank and not line.strip() else n
        n += u is not None
        of += [u] * (len(line) + (1 if k < len(lines) - 1 or text.endswith("\n") else 0))
    return of, n
docs = []
for doc, text in db.execute("SELECT id, text FROM document ORDER BY name"):
    segs = list(db.execute("SELECT code_id, coder_id, start, \"end\" FROM segment WHERE doc_id = ?", (doc,)))
    if all(any(s[1] == cid[n] for s in segs) for n in names):
        docs.append((text, segs))
stats = {}
for c, _, _ in codes:
    s = dict(units=0, agree=0, coded=[0] * m, n=[[0, 0], [0, 0]], pair=F(0), o00=F(0), o01=F(0), o11=F(0))
    for text, segs in docs:
        of, n = units_of(text)
        sets = [set() for _ in range(n)]
        for code, coder, a, b in segs:
            if code != c or coder not in cid.values():
                continue
            i = [cid[x] for x in names].index(coder)
            # a segment codes each unit it touches (a line feed is its
            # paragraph's last code point)
            for u in set(u for u in of[a:b] if u is not None):
                sets[u].add(i)
        for u in range(n):
            a = len(sets[u]); b = m - a
            if ignore and a == 0:
                continue
            s["units"] += 1
            s["agree"] += a in (0, m)
            for i in sets[u]:
                s["coded"][i] += 1
            if m == 2:
                s["n"][0 in sets[u]][1 in sets[u]] += 1
            s["pair"] += F(a * (a - 1) + b * (b - 1), m * (m - 1))
            s["o11"] += F(a * (a - 1), m - 1); s["o00"] += F(b * (b - 1), m - 1); s["o01"] += F(a * b, m - 1)
    stats[c] = s
def fmt(v, d):
    if v is None:
        return ""
    q = Decimal(v.numerator) / Decimal(v.denominator) if isinstance(v, F) else Decimal(v)
    return str(q.quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP))
def row(s):
    N = s["units"]
    pct = F(100 * s["agree"], N) if N else None
    cohen = None
    if m == 2 and N:
        (n00, n01), (n10, n11) = s["n"]
        po = F(n00 + n11, N)
        pe = F((n00 + n01) * (n00 + n10) + (n10 + n11) * (n01 + n11), N * N)
        cohen = (po - pe) / (1 - pe) if pe < 1 else None
    bp = (s["pair"] / N - F(1, 2)) / F(1, 2) if N else None
    n0, n1 = s["o00"] + s["o01"], s["o11"] + s["o01"]
    alpha = 1 - (n0 + n1 - 1) * s["o01"] / (n0 * n1) if n0 > 0 and n1 > 0 else None
    return [str(N)] + [str(x) for x in s["coded"]] + [str(s["agree"]), fmt(pct, 2), fmt(cohen, 3),
            fmt(bp, 3), fmt(alpha, 3)]
print("\t".join(["Code", "Path", "Units"] + names + ["Agree", "%", "Cohen κ", "BP κ", "α"]))
used = {code for text, segs in docs for code, coder, a, b in segs if coder in cid.values()}
total = dict(units=0, agree=0, coded=[0] * m, n=[[0, 0], [0, 0]], pair=F(0), o00=F(0), o01=F(0), o11=F(0))
for c, number, name in codes:
    if c not in used:
        continue
    s = stats[c]
    print("\t".join([number, name] + row(s)))
    for k in ("units", "agree", "pair", "o00", "o01", "o11"):
        total[k] += s[k]
    total["coded"] = [x + y for x, y in zip(total["coded"], s["coded"])]
    total["n"] = [[total["n"][i][j] + s["n"][i][j] for j in (0, 1)] for i in (0, 1)]
print("\t".join(["", "(pooled)"] + row(total)))
PY
}

test_agree_brute_force_units() {
	brute_setup
	local coders unit
	for coders in anna,ben anna,ben,cem ben,cem; do
		for unit in char paragraph document; do
			run anker -p p.anker agree --coders "$coders" --unit "$unit" --format tsv
			expect_rc 0
			expect_eq "$(brute "$coders" "$unit")" "$OUT" "agree --coders $coders --unit $unit"
		done
	done
	run anker -p p.anker agree --coders anna,ben,cem --unit char --ignore-uncoded --format tsv
	expect_eq "$(brute anna,ben,cem char ignore)" "$OUT" "agree --ignore-uncoded"
	run anker -p p.anker agree --coders anna,ben --unit paragraph --blank-units --format tsv
	expect_eq "$(brute anna,ben paragraph blank)" "$OUT" "agree --unit paragraph --blank-units"
	# the sixth document is left out with cem, counted without him
	run anker -p p.anker agree --coders anna,cem --format tsv
	expect_err "left out 1 document not coded by cem: d6"
}
