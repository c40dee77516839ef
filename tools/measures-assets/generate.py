#!/usr/bin/env python3
"""Rebuild assets/measures/ from a checkout of CMS's qpp-measures-data.

Run by hand when CMS publishes new measure or benchmark files (never by CI):

    python3 tools/measures-assets/generate.py PATH/TO/qpp-measures-data [--out assets/measures]

PATH is either a full clone of https://github.com/CMSgov/qpp-measures-data or a scoring subset
with the same layout (benchmarks/<year>.json and measures/<year>/measures-data.json or
measures-trimmed.json). The source commit and date written to assets/measures/README.md come
from --commit / --date, or from `git log` when PATH is a clone, or from the subset's README.

Standard library only. The output is deterministic: the same input gives byte-identical files.
"""

import argparse
import json
import os
import re
import subprocess
import sys

YEARS = range(2017, 2027)
SECTIONS = ("quality", "cost", "improvement_activities", "promoting_interoperability", "benchmarks")
COLUMNS = {
    "quality": ["id", "title", "measure_type", "metric_type", "high_priority", "inverse",
                "collection_types", "first_year", "last_year", "seven_point_cap_removed",
                "overall_algorithm", "programs"],
    "cost": ["id", "title", "collection_types", "first_year", "last_year"],
    "improvement_activities": ["id", "title", "subcategory", "weight", "cehrt_eligible",
                               "first_year", "last_year"],
    "promoting_interoperability": ["id", "title", "objective", "metric_type", "required", "bonus",
                                   "reporting_category", "weight", "exclusions", "substitutes",
                                   "transition"],
    "benchmarks": ["id", "collection_type", "benchmark_year", "inverse", "topped_out",
                   "topped_out_by_program", "seven_point_cap_removed", "flat", "deciles",
                   "percentiles", "average"],
}
# Value written for a column the record does not have.
DEFAULTS = {"seven_point_cap_removed": None, "cehrt_eligible": False, "transition": False,
            "flat": False, "exclusions": [], "substitutes": [], "programs": [],
            "collection_types": []}
PERCENTILE_KEYS = ["1", "10", "20", "30", "40", "50", "60", "70", "80", "90", "99"]


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def measures_file(root, year):
    for name in ("measures-data.json", "measures-trimmed.json"):
        path = os.path.join(root, "measures", str(year), name)
        if os.path.exists(path):
            return path
    sys.exit(f"no measures file for {year} under {root}/measures/{year}/")


def is_flat(row, values):
    """CMS's fixed 10-point bands (flat benchmarks), in decile or percentile form."""
    if "percentiles" in row:
        return values == [1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 99]
    direct = [0, 20, 30, 40, 50, 60, 70, 80, 90]
    inverse_a = [100, 80, 70, 60, 50, 40, 30, 20, 10]
    inverse_b = [100, 79.99, 70, 60, 50, 40, 30, 20, 10]
    return values in (direct, inverse_a, inverse_b)


def quality_entry(m):
    entry = {
        "id": m["measureId"],
        "title": m["title"].replace("\n", " ").strip(),
        "measure_type": m.get("measureType", ""),
        "metric_type": m.get("metricType", ""),
        "high_priority": bool(m.get("isHighPriority", False)),
        "inverse": bool(m.get("isInverse", False)),
        "collection_types": m.get("submissionMethods", []),
        "first_year": m.get("firstPerformanceYear"),
    }
    if m.get("lastPerformanceYear") is not None:
        entry["last_year"] = m["lastPerformanceYear"]
    if m.get("sevenPointCapRemoved"):
        entry["seven_point_cap_removed"] = m["sevenPointCapRemoved"]
    if m.get("overallAlgorithm"):
        entry["overall_algorithm"] = m["overallAlgorithm"]
    if m.get("allowedPrograms"):
        entry["programs"] = m["allowedPrograms"]
    return entry


def cost_entry(m):
    entry = {
        "id": m["measureId"],
        "title": m["title"].replace("\n", " ").strip(),
        "collection_types": m.get("submissionMethods", []),
        "first_year": m.get("firstPerformanceYear"),
    }
    if m.get("lastPerformanceYear") is not None:
        entry["last_year"] = m["lastPerformanceYear"]
    return entry


def activity_entry(m):
    entry = {
        "id": m["measureId"],
        "title": m["title"].replace("\n", " ").strip(),
        "subcategory": m.get("subcategoryId") or "",
        "first_year": m.get("firstPerformanceYear"),
    }
    if m.get("weight"):
        entry["weight"] = m["weight"]
    if m.get("cehrtEligible"):
        entry["cehrt_eligible"] = True
    if m.get("lastPerformanceYear") is not None:
        entry["last_year"] = m["lastPerformanceYear"]
    return entry


def as_list(value):
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def pi_entry(m):
    entry = {
        "id": m["measureId"],
        "title": m["title"].replace("\n", " ").strip(),
        "objective": m.get("objective") or "",
        "metric_type": m.get("metricType", ""),
        "required": bool(m.get("isRequired", False)),
        "bonus": bool(m.get("isBonus", False)),
        "reporting_category": m.get("reportingCategory") or "",
    }
    if m.get("weight") is not None:
        entry["weight"] = m["weight"]
    if m.get("exclusion"):
        entry["exclusions"] = as_list(m["exclusion"])
    if m.get("substitutes"):
        entry["substitutes"] = as_list(m["substitutes"])
    if "transition" in (m.get("measureSets") or []):
        entry["transition"] = True
    return entry


def benchmark_entry(row, measure):
    inverse = row.get("isInverse")
    if inverse is None:
        # 2017–2022 rows lack the flag: it is the measure's.
        inverse = bool(measure.get("isInverse", False)) if measure else False
    entry = {
        "id": row["measureId"],
        "collection_type": row["submissionMethod"],
        "benchmark_year": row["benchmarkYear"],
        "inverse": bool(inverse),
        "topped_out": bool(row.get("isToppedOut", False)),
        "topped_out_by_program": bool(row.get("isToppedOutByProgram", False)),
    }
    if "percentiles" in row:
        values = [row["percentiles"][k] for k in PERCENTILE_KEYS]
        entry["percentiles"] = values
    else:
        values = row["deciles"]
        entry["deciles"] = values
    if is_flat(row, values):
        entry["flat"] = True
    removed = (measure or {}).get("sevenPointCapRemoved") or []
    if row["submissionMethod"] in removed:
        entry["seven_point_cap_removed"] = True
    else:
        entry["seven_point_cap_removed"] = False
    if row.get("averagePerformanceRate") is not None:
        entry["average"] = row["averagePerformanceRate"]
    return entry


def write_year(root, out, year):
    measures = load_json(measures_file(root, year))
    benchmarks = load_json(os.path.join(root, "benchmarks", f"{year}.json"))
    by_id = {m["measureId"]: m for m in measures}
    doc = {"performance_year": year, "quality": [], "cost": [], "improvement_activities": [],
           "promoting_interoperability": [], "benchmarks": []}
    for m in sorted(measures, key=lambda m: m["measureId"]):
        category = m["category"]
        if category == "quality":
            doc["quality"].append(quality_entry(m))
        elif category == "cost":
            doc["cost"].append(cost_entry(m))
        elif category == "ia":
            doc["improvement_activities"].append(activity_entry(m))
        elif category in ("pi", "aci"):
            doc["promoting_interoperability"].append(pi_entry(m))
    for row in sorted(benchmarks, key=lambda r: (r["measureId"], r["submissionMethod"])):
        doc["benchmarks"].append(benchmark_entry(row, by_id.get(row["measureId"])))
    # Each section is a header of column names and one row (a JSON array) per line: compact,
    # quick to parse, and a CMS update still shows as a readable diff.
    lines = ["{" + f'"performance_year":{year}']
    for key in SECTIONS:
        columns = COLUMNS[key]
        rows = [json.dumps([item.get(c, DEFAULTS.get(c)) for c in columns], ensure_ascii=False,
                           separators=(",", ":")) for item in doc[key]]
        unknown = {k for item in doc[key] for k in item} - set(columns)
        if unknown:
            sys.exit(f"{key}: fields without a column: {sorted(unknown)}")
        header = json.dumps(columns, separators=(",", ":"))
        lines.append(f',"{key}":{{"columns":{header},"rows":[' + ("\n" + ",\n".join(rows) + "\n" if rows else "") + "]}")
    lines.append("}\n")
    path = os.path.join(out, f"{year}.json")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))
    counts = {k: len(v) for k, v in doc.items() if isinstance(v, list)}
    return path, counts


def source_of(root, commit, date):
    if not commit and os.path.isdir(os.path.join(root, ".git")):
        out = subprocess.run(["git", "-C", root, "log", "-1", "--format=%H %cI %s"],
                             capture_output=True, text=True, check=True).stdout.strip()
        commit, date, _ = out.split(" ", 2)
    if not commit:
        readme = os.path.join(root, "README.md")
        if os.path.exists(readme):
            text = open(readme, encoding="utf-8").read()
            found = re.search(r"`([0-9a-f]{40})`\s*\(\"([^\"]*)\",\s*([0-9T:\-Z]+)\)", text)
            if found:
                commit, date = found.group(1), found.group(3)
    if not commit:
        sys.exit("cannot tell the source commit: pass --commit and --date")
    return commit, date or "unknown date"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="qpp-measures-data checkout (or scoring subset)")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                      "assets", "measures"))
    parser.add_argument("--commit", help="source commit (default: from git or the README)")
    parser.add_argument("--date", help="source commit date (default: from git or the README)")
    args = parser.parse_args()
    out = os.path.normpath(args.out)
    os.makedirs(out, exist_ok=True)
    commit, date = source_of(args.source, args.commit, args.date)
    rows = []
    total = 0
    for year in YEARS:
        path, counts = write_year(args.source, out, year)
        size = os.path.getsize(path)
        total += size
        rows.append((year, counts, size))
        print(f"{path}: {size} bytes {counts}")
    write_readme(out, commit, date, rows, total)
    print(f"total {total} bytes")


def write_readme(out, commit, date, rows, total):
    table = "\n".join(
        f"| {y} | {c['quality']} | {c['cost']} | {c['improvement_activities']} | "
        f"{c['promoting_interoperability']} | {c['benchmarks']} | {s:,} |"
        for y, c, s in rows)
    text = f"""# CMS measures and benchmarks (embedded)

What the measure-level category builders need from CMS's measure inventory and benchmark files,
one file per performance year, embedded in the binary and parsed the first time a year is used.

| | |
|---|---|
| Source | CMS, qpp-measures-data (https://github.com/CMSgov/qpp-measures-data), MIT |
| Commit | `{commit}` ({date}) |
| Rebuild | `python3 tools/measures-assets/generate.py PATH/TO/qpp-measures-data` (by hand, when CMS updates; never by CI) |
| Size | {total:,} bytes in {len(rows)} files |

| year | quality measures | cost measures | improvement activities | PI measures | benchmarks | bytes |
|---|---|---|---|---|---|---|
{table}

## Format

Each `<year>.json` is one JSON object, one record per line:

- `quality`: `id`, `title`, `measure_type` (CMS's `measureType`: `process`, `outcome`,
  `intermediateOutcome`, `patientEngagementExperience`, …), `metric_type`, `high_priority`, `inverse`,
  `collection_types` (CMS's `submissionMethods`), `first_year`, optional `last_year`,
  `seven_point_cap_removed` (collection types on the limited-measure-choice list, PY2025+),
  `overall_algorithm` (multi-rate measures), `programs` (CMS's `allowedPrograms`).
- `cost`: `id`, `title`, `collection_types`, `first_year`.
- `improvement_activities`: `id`, `title`, `subcategory`, `first_year`, `weight` (`medium` / `high`,
  PY2017–2024 only), `cehrt_eligible` (PY2017–2018).
- `promoting_interoperability`: `id`, `title`, `objective`, `metric_type` (`proportion` or `boolean`),
  `required`, `bonus`, `reporting_category`, `weight` (points, PY2017–2019), `exclusions` (the exclusion
  measure ids that can replace it), `substitutes`, `transition` (the 2017–2018 transition measure set).
- `benchmarks`: one per (measure, collection type): `id`, `collection_type`, `benchmark_year`, `inverse`
  (the row's flag, or the measure's where 2017–2022 rows lack it), `topped_out`, `topped_out_by_program`,
  `deciles` (2017–2022: 9 numbers = bounds of deciles 2–10, or 10 numbers = deciles 1–10) or
  `percentiles` (2023+: the values at percentiles 1, 10, 20, … 90, 99, in that order), `flat` (CMS's
  fixed 10-point bands), `seven_point_cap_removed` (scored on the defined topped-out benchmark, PY2025+),
  `average` (mean performance rate or cost, 2023+).

Caveats carried over from the source: the 2026 cost and administrative-claims benchmark rows are CMS's
mock data (real ones can only exist after PY2026 ends); CMS rewrites a year's file after the year ends
(performance-period rows are added), so a year's file before and after scoring differs.
"""
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main()
