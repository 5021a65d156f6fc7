#!/usr/bin/env python3
"""Compares the JSON exports of two runs: every value of the old run must be in the new run
unchanged; the new run may only add fields. Used to show that a refactoring kept the figures.

    python3 scripts/vergelijk_json.py OUD_MAP NIEUW_MAP

Walks every *.json under OUD_MAP (manifest.json excluded: it holds output hashes) and compares it
with the file at the same relative path under NIEUW_MAP. Prints one line per difference and the
fields added; exit 0 when nothing was changed or removed, 1 otherwise.
"""
import json
import sys
from pathlib import Path


def vergelijk(oud, nieuw, pad, verschillen, toegevoegd):
    if isinstance(oud, dict) and isinstance(nieuw, dict):
        for k, v in oud.items():
            if k not in nieuw:
                verschillen.append(f"{pad}.{k}: verdwenen")
            else:
                vergelijk(v, nieuw[k], f"{pad}.{k}", verschillen, toegevoegd)
        for k in nieuw:
            if k not in oud:
                toegevoegd.add(f"{pad_zonder_index(pad)}.{k}")
    elif isinstance(oud, list) and isinstance(nieuw, list):
        if len(oud) != len(nieuw):
            verschillen.append(f"{pad}: {len(oud)} elementen, nu {len(nieuw)}")
        for i, (a, b) in enumerate(zip(oud, nieuw)):
            vergelijk(a, b, f"{pad}[{i}]", verschillen, toegevoegd)
    elif oud != nieuw or type(oud) is not type(nieuw):
        verschillen.append(f"{pad}: {oud!r} -> {nieuw!r}")


def pad_zonder_index(pad):
    import re

    return re.sub(r"\[\d+\]", "[]", pad)


def main():
    oud_map, nieuw_map = Path(sys.argv[1]), Path(sys.argv[2])
    fout = False
    for oud_pad in sorted(oud_map.rglob("*.json")):
        if oud_pad.name == "manifest.json":
            continue
        rel = oud_pad.relative_to(oud_map)
        nieuw_pad = nieuw_map / rel
        if not nieuw_pad.exists():
            print(f"{rel}: ontbreekt in {nieuw_map}")
            fout = True
            continue
        verschillen, toegevoegd = [], set()
        vergelijk(json.loads(oud_pad.read_text()), json.loads(nieuw_pad.read_text()), "$", verschillen, toegevoegd)
        status = "gelijk op toegevoegde velden na" if not verschillen else f"{len(verschillen)} verschillen"
        print(f"{rel}: {status}")
        for v in verschillen[:50]:
            print(f"  gewijzigd {v}")
        for t in sorted(toegevoegd):
            print(f"  toegevoegd {t}")
        fout = fout or bool(verschillen)
    sys.exit(1 if fout else 0)


if __name__ == "__main__":
    main()
