#!/usr/bin/python3
"""Dashboards through a real client driver (Python DB-API, psycopg2).

A BI tool reads quota's dashboards through a driver that knows the standard
SQL types only.  This test connects as such a client would (libpq
environment: PGHOST, PGPORT, PGUSER), loads nothing itself but reads the
database named on the command line (the demo walkthrough loaded into it), and
checks that

  * every column of every view of schema quota arrives as a standard type
    (the three status views of the contract that carry quota.division or
    int4range are the only exceptions; each has a *_dashboard twin), and
    every value as a plain Python value;
  * the report functions do the same;
  * the figures agree with each other: the 统计年报 function on today's
    date equals the live status, its rollup to the root equals the sum,
    this month of the trend series equals the live status, and the loans
    and violations carry their names.

Prints TAP lines ("ok N - ...", "not ok N - ...") and a plan.
"""
import datetime
import decimal
import os
import sys

import psycopg2

# OIDs of the types a JDBC or DB-API client maps to standard types
STANDARD = {
    16: "boolean", 20: "bigint", 21: "smallint", 23: "integer", 25: "text",
    19: "name", 1042: "char", 1043: "varchar", 700: "real", 701: "double precision",
    1700: "numeric", 1082: "date", 1114: "timestamp", 1184: "timestamptz",
}
PLAIN_VALUES = (bool, int, str, float, decimal.Decimal, datetime.date, datetime.datetime, type(None))
# contract views of DESIGN §7 whose division / range columns keep their own
# types; quota.org_dashboard, quota.pool_dashboard and
# quota.jurisdiction_dashboard give the same rows in standard types
CUSTOM_TYPED = {"org_status", "pool_balance", "jurisdiction_status"}
REPORTS = [
    ("quota.establishment_report(current_date)", "统计年报 establishment_report"),
    ("quota.establishment_report('2024-12-31')", "统计年报 establishment_report on a past year-end"),
    ("quota.establishment_rollup(current_date)", "统计年报 establishment_rollup"),
    ("quota.loans_expiring(36500)", "loans_expiring"),
]

n = 0
failed = 0


def check(ok, what, diag=None):
    global n, failed
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, what))
    if not ok:
        failed += 1
        if diag:
            for line in str(diag).splitlines():
                print("#   " + line)


def types_of(cur, source, label):
    cur.execute("SELECT * FROM %s" % source)
    rows = cur.fetchall()
    bad = ["%s (type oid %s)" % (d.name, d.type_code) for d in cur.description if d.type_code not in STANDARD]
    check(not bad, "%s: every column arrives as a standard type" % label, ", ".join(bad))
    odd = sorted({"%s: %s" % (cur.description[i].name, type(v).__name__)
                  for r in rows for i, v in enumerate(r) if not isinstance(v, PLAIN_VALUES)})
    check(not odd, "%s: every value arrives as a plain value (%d rows)" % (label, len(rows)), ", ".join(odd))
    return rows


def one(cur, sql, *args):
    cur.execute(sql, args)
    return cur.fetchone()


def main():
    conn = psycopg2.connect(dbname=sys.argv[1] if len(sys.argv) > 1 else "quota_client")
    conn.set_session(readonly=True, autocommit=True)
    cur = conn.cursor()

    cur.execute("""SELECT c.relname FROM pg_class c
                   WHERE c.relnamespace = 'quota'::regnamespace AND c.relkind IN ('v', 'm') ORDER BY 1""")
    views = [r[0] for r in cur.fetchall()]
    dashboards = [v for v in views if v.endswith("_dashboard")]
    check({"org_dashboard", "pool_dashboard", "jurisdiction_dashboard", "loan_dashboard",
           "violation_dashboard"} <= set(dashboards) and "trend_monthly" in views,
          "the dashboard views exist", "views: %s" % ", ".join(views))
    for v in views:
        if v not in CUSTOM_TYPED:
            types_of(cur, "quota.%s" % v, "quota.%s" % v)
    for src, label in REPORTS:
        types_of(cur, src, label)

    # the live books, per category
    cur.execute("""SELECT category, sum(approved), sum(borrowed), sum(occupied), sum(over)
                   FROM quota.org_dashboard GROUP BY 1 ORDER BY 1""")
    live = cur.fetchall()
    check(len(live) > 0 and sum(r[3] for r in live) > 0, "the demo's books are loaded", live)

    # 统计年报 on today's date equals the live status
    cur.execute("""SELECT category, sum(approved), sum(borrowed), sum(occupied), sum(over_people)
                   FROM quota.establishment_report(current_date) GROUP BY 1 ORDER BY 1""")
    report = cur.fetchall()
    check(report == live, "establishment_report(today) equals the live status per category",
          "report %s\nlive   %s" % (report, live))
    cur.execute("""SELECT category, sum(approved), sum(borrowed), sum(occupied), sum(over_people)
                   FROM quota.establishment_rollup(current_date) WHERE division_level = 1 GROUP BY 1 ORDER BY 1""")
    rollup = cur.fetchall()
    check(rollup == live, "establishment_rollup(today) at the province equals the sum", "rollup %s" % rollup)
    over = one(cur, """SELECT count(*) FILTER (WHERE over > 0), coalesce(sum(over), 0) FROM quota.org_dashboard""")
    rep_over = one(cur, """SELECT coalesce(sum(over_orgs), 0), coalesce(sum(over_people), 0)
                           FROM quota.establishment_report(current_date)""")
    check(tuple(over) == tuple(rep_over), "超编 units and people: report %s, live %s" % (tuple(rep_over), tuple(over)))
    names = one(cur, """SELECT count(*) FILTER (WHERE jurisdiction_name IS NULL OR org_kind_name IS NULL
                                                  OR category_name IS NULL OR level_name IS NULL), count(*)
                        FROM quota.establishment_report(current_date)""")
    check(names[0] == 0 and names[1] > 0, "every report row carries its names (%d rows)" % names[1])

    # this month of the trend series equals the live status
    cur.execute("""SELECT category, approved, borrowed, occupied FROM quota.trend_monthly
                   WHERE month = date_trunc('month', current_date)::date AND (approved, borrowed, occupied) <> (0, 0, 0)
                   ORDER BY 1""")
    trend = cur.fetchall()
    check(trend == [r[:4] for r in live], "trend_monthly: this month equals the live status",
          "trend %s" % trend)
    cur.execute("""SELECT t.category, t.total_posts,
                          (SELECT coalesce(sum(balance + lent), 0) FROM quota.pool_dashboard p WHERE p.category = t.category)
                        + (SELECT coalesce(sum(approved), 0) FROM quota.org_dashboard o WHERE o.category = t.category)
                   FROM quota.trend_monthly t WHERE t.month = date_trunc('month', current_date)::date ORDER BY 1""")
    totals = cur.fetchall()
    check(totals and all(r[1] == r[2] for r in totals),
          "trend_monthly: total posts equal what pools and orgs hold", totals)

    # loans with names and days to expiry
    cur.execute("""SELECT loan_id, org_name, pool_jurisdiction_name, days_to_expiry, expires_on
                   FROM quota.loan_dashboard""")
    loans = cur.fetchall()
    today = one(cur, "SELECT current_date")[0]
    check(loans and all(r[1] and r[2] and r[3] == (r[4] - today).days for r in loans),
          "loan_dashboard: names and days to expiry (%d loans)" % len(loans), loans)
    try:
        cur.execute("SELECT * FROM quota.loans_expiring(-1)")
        check(False, "loans_expiring(-1) is refused with 22023")
    except psycopg2.Error as e:
        check(e.pgcode == "22023", "loans_expiring(-1) is refused with 22023", e.pgcode)

    # violations with the Chinese term of each rule
    cur.execute("SELECT rule, term_zh, jurisdiction_name FROM quota.violation_dashboard")
    viol = cur.fetchall()
    check(viol and all(r[1] for r in viol), "violation_dashboard: every rule has its Chinese term (%d rows)" % len(viol),
          [r for r in viol if not r[1]])
    check(all(r[2] for r in viol), "violation_dashboard: every row names its jurisdiction",
          [r for r in viol if not r[2]])

    # the docs name every rule with its Chinese term (docs/reference.md, docs/zh.md)
    cur.execute("SELECT rule, term_zh FROM quota.rule_terms ORDER BY 1")
    terms = cur.fetchall()
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    for doc in ("docs/reference.md", "docs/zh.md"):
        with open(os.path.join(root, doc), encoding="utf-8") as f:
            text = f.read()
        missing = [r for r, t in terms if "`%s`" % r not in text]
        check(terms and not missing, "%s names every rule of quota.rule_terms" % doc, missing)
        if doc == "docs/reference.md":
            missing = [t for r, t in terms if t not in text]
            check(not missing, "%s gives the Chinese term of every rule" % doc, missing)
    conn.close()


try:
    main()
except Exception as e:  # a crash is a failure, not a silent pass
    check(False, "client test ran to the end", repr(e))
print("1..%d" % n)
sys.exit(1 if failed else 0)
