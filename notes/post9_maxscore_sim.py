import sqlite3, math, sys
db = sqlite3.connect('/work/tmp/post9/coding.anker')
code = int(sys.argv[1]); kind = 2
units, sumlen = db.execute("SELECT sum(n), sum(len) FROM model_unit WHERE kind=?", (kind,)).fetchone()
avg = sumlen/units
K1, B = 1.2, 0.75
rows = db.execute("SELECT w.term_id, w.weight, ifnull(d.df,0) FROM model_weight w LEFT JOIN model_df d ON d.kind=? AND d.term_id=w.term_id WHERE w.code_id=?", (kind, code)).fetchall()
def idf(n, df): return math.log(1 + (n - df + 0.5)/(df + 0.5))
terms = []
for t, w, df in rows:
    if w <= 0 or df == 0: continue
    a = w*(K1+1)/(w+K1) * idf(units, df)
    terms.append((a*(K1+1), a, df, t))   # safe maxscore: tf weight < k1+1
terms.sort()
print("profile terms", len(rows), "with df", len(terms), "units", units, "avg len", round(avg,1))
print("sum of all maxscores", round(sum(x[0] for x in terms),1))
theta = float(sys.argv[2])
acc = 0; ne = 0
for i, x in enumerate(terms):
    if acc + x[0] >= theta: break
    acc += x[0]; ne = i+1
ess = terms[ne:]
print("non-essential terms", ne, "(sum", round(acc,1), ") essential", len(ess), "sum df essential", sum(x[2] for x in ess))
print("largest a's:", [(round(x[1],2), x[2]) for x in terms[-8:]])
print("smallest:", [(round(x[1],2), x[2]) for x in terms[:5]])
