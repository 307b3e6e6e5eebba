#!/usr/bin/env python3
"""Summarize `perf script` output of postgres backends into buckets.

    perf script -i perf.data | python3 bench/perf_buckets.py [--below SYMBOL]

Each sample of a process named postgres is put into the first bucket whose
frame appears anywhere on its stack (rules in order below), so the buckets add
up to 100% of backend CPU time.  With --below SYMBOL it also lists, for the
samples that have SYMBOL on the stack, the frames directly called by it.
"""
import collections
import sys

RULES = [
    ("quota C ledger trigger (quota_movement_apply)", ("quota_movement_apply",)),
    ("PL/pgSQL trigger or function", ("plpgsql_exec_trigger", "plpgsql_exec_function", "plpgsql_call_handler")),
    ("foreign-key checks (RI_FKey_check_ins)", ("RI_FKey_check_ins", "RI_FKey_check_upd")),
    ("another trigger in C (ExecCallTriggerFunc: e.g. the C roster)", ("ExecCallTriggerFunc",)),
    ("CHECK constraints (ExecConstraints)", ("ExecConstraints",)),
    ("commit / abort", ("CommitTransactionCommand", "AbortCurrentTransaction")),
    ("top-level planning", ("pg_plan_queries",)),
    ("top-level parse + analyze", ("pg_parse_query", "pg_analyze_and_rewrite_fixedparams",
                                   "pg_analyze_and_rewrite_varparams")),
    ("COPY input parsing", ("NextCopyFrom", "CopyReadLine")),
    ("table/index insert (executor)", ("ExecInsert", "CopyMultiInsertBufferFlush", "ExecModifyTable")),
    ("client I/O", ("secure_read", "secure_write", "pq_getbyte", "pq_flush", "ReadCommand")),
    ("vacuum / pruning", ("heap_page_prune_opt", "lazy_scan_heap")),
]


def main():
    below = None
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "--below":
        below = args[1]
    counts = collections.Counter()
    under = collections.Counter()
    n_below = 0
    total = 0
    stack = []
    is_pg = False

    def flush():
        nonlocal total, n_below
        if not stack or not is_pg:
            return
        total += 1
        syms = set(stack)
        for name, frames in RULES:
            if any(f in syms for f in frames):
                counts[name] += 1
                break
        else:
            counts["other"] += 1
        if below and below in syms:
            n_below += 1
            i = stack.index(below)
            under[stack[i - 1] if i > 0 else "(self)"] += 1

    for line in sys.stdin:
        if not line.strip():
            flush()
            stack = []
            continue
        if not line[0].isspace():
            is_pg = line.split()[0] == "postgres"
            continue
        parts = line.strip().split(None, 1)
        if len(parts) == 2:
            stack.append(parts[1].split(" (")[0].split("+0x")[0])
    flush()
    if total == 0:
        print("no postgres samples")
        return
    print(f"| bucket | share of backend CPU |")
    print(f"|---|---|")
    for name, _ in RULES + [("other", ())]:
        if counts[name]:
            print(f"| {name} | {100.0 * counts[name] / total:.1f}% |")
    print(f"\n{total} samples")
    if below:
        print(f"\nUnder {below} ({100.0 * n_below / total:.1f}% of backend CPU), by callee:\n")
        for k, v in under.most_common(12):
            print(f"- {k}: {100.0 * v / total:.1f}%")


if __name__ == "__main__":
    main()
