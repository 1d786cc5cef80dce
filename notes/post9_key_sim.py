# Count, for code C over kind-2 units, how many units' own class bound reaches theta
import sqlite3, math, sys
db = sqlite3.connect('/work/tmp/post9/coding.anker')
code, theta, kind = int(sys.argv[1]), float(sys.argv[2]), 2
K1, B, NC = 1.2, 0.75, 64
units, sumlen = db.execute("SELECT sum(n), sum(len) FROM model_unit WHERE kind=?", (kind,)).fetchone()
avg = sumlen/units
def idf(n, df): return math.log(1 + (n - df + 0.5)/(df + 0.5))
amax = [0.0]*NC
idfs = {}
for t, w, df, c in db.execute("SELECT w.term_id, w.weight, ifnull(d.df,0), ifnull(c.class, 63) FROM model_weight w LEFT JOIN model_df d ON d.kind=? AND d.term_id=w.term_id LEFT JOIN model_class c ON c.term_id=w.term_id WHERE w.code_id=?", (kind, code)):
    if w <= 0 or df == 0: continue
    a = w*(K1+1)/(w+K1)*idf(units, df)
    c = c if 0 <= c < NC else NC-1
    amax[c] = max(amax[c], a)
# key weights per class: mean idf of the class's terms over all terms in units (code-independent)
kw = [0.0]*NC; kn = [0]*NC
for df, c in db.execute("SELECT d.df, ifnull(c.class, 63) FROM model_df d LEFT JOIN model_class c ON c.term_id=d.term_id WHERE d.kind=? AND d.df > 0", (kind,)):
    c = c if 0 <= c < NC else NC-1
    kw[c] += idf(units, df); kn[c] += 1
kw = [kw[c]/kn[c] if kn[c] else 1.0 for c in range(NC)]
lam_old = max(amax[c]/(c+4) for c in range(NC))
lam_new = max(amax[c]/kw[c] for c in range(NC))
print("lambda old", lam_old, "new", lam_new)
old_reach = new_reach = 0
def get(b, i):
    v = 0; s = 0
    while True:
        x = b[i]; i += 1; v |= (x & 0x7f) << s; s += 7
        if not x & 0x80: return v, i
PK_GROUP, PK_HEAD, PK_BLOCK = 8, 16, 64
total = reach = 0; hist = {}
docs = db.execute("SELECT doc_id, avg0, head, n FROM model_unit WHERE kind=?", (kind,)).fetchall()
for doc, avg0, head, n in docs:
    scale = avg/avg0 if avg0 > 0 and avg > avg0 else 1
    blocks = [r[0] for r in db.execute("SELECT units FROM model_unit_data WHERE id >= ? AND id < ? ORDER BY id",
              ((1<<62) + ((doc*4+kind) << 24) + 1, (1<<62) + ((doc*4+kind+1) << 24) + 1))]
    buf, i = head, 0
    bi = 0
    for u in range(n):
        if u >= PK_HEAD and (u - PK_HEAD) % PK_BLOCK == 0:
            buf, i = blocks[bi], 0; bi += 1
        if u % PK_GROUP == 0:
            k, i = get(buf, i)
            for _ in range(k): _, i = get(buf, i)
        for _ in range(4): _, i = get(buf, i)
        nc, i = get(buf, i)
        bd = 0.0; kold = knew = 0.0
        for _ in range(nc):
            c, i = get(buf, i); v, i = get(buf, i)
            bd += amax[c]*v/64; kold += (c+4)*v/64; knew += kw[c]*v/64
        bd *= scale
        total += 1
        if bd >= theta: reach += 1
        if lam_old*kold*scale >= theta: old_reach += 1
        if lam_new*knew*scale >= theta: new_reach += 1
        h = int(bd // 25) * 25; hist[h] = hist.get(h, 0) + 1
print("code", code, "units", total, "own bound >= theta", reach, "theta", theta)
print("key bound >= theta: old key (c+4)", old_reach, " idf-weighted key", new_reach)
print("bound histogram (step 25):", sorted(hist.items()))
