#!/usr/bin/env bash
# End-to-end figures for the README's "Reliability and performance" table:
# wall time (hyperfine, median) and peak resident memory (/usr/bin/time, median of 5) of the
# release binary scoring 10,000 scenario files in one run, and one file; peak memory of the
# explorer's first frame at 80×24, 120×40 and 250×70 (startup time: cargo bench --bench startup).
#
#   benches/measure.sh            # needs hyperfine and GNU time (Debian: hyperfine, time)
#
# The scenario files are written to a temporary folder and removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in hyperfine /usr/bin/time script; do
    command -v "$tool" >/dev/null || { echo "missing $tool (Debian packages: hyperfine, time)" >&2; exit 1; }
done

cargo build --release --quiet
bin="$PWD/target/release/mips-whatif"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 10,000 valid scenarios: every year, traditional / MVP / APP, sizes from solo to large,
# some categories not scored, some non-reporting.
mkdir "$work/batch"
sizes=(1 8 15 16 120)
for i in $(seq 0 9999); do
    y=$((2017 + i % 10))
    opt=traditional
    if ((i % 3 == 1 && y >= 2023)); then opt=mvp; elif ((i % 3 == 2)); then opt=app; fi
    n=${sizes[$((i % 5))]}
    part=group; ((n == 1)) && part=individual
    f=$((i % 101))
    {
        echo "name = \"Scenario $i\""
        echo "performance_year = $y"
        echo "reporting_option = \"$opt\""
        echo "[practice]"
        echo "clinicians = $n"
        echo "participation = \"$part\""
        echo "rural = $([ $((i % 7)) = 0 ] && echo true || echo false)"
        echo "reporting = $([ $((i % 11)) = 0 ] && echo false || echo true)"
        echo "part_b_allowed_charges = $((50000 + 1000 * (i % 997)))"
        echo "[scores]"
        echo "quality = $f"
        (( i % 4 != 0 )) && echo "cost = $((100 - f))"
        echo "improvement_activities = $(( i % 2 == 0 ? 100 : 50 ))"
        (( i % 6 != 0 )) && echo "promoting_interoperability = $(( f * 9 / 10 ))"
    } > "$work/batch/s$(printf %05d "$i").toml"
done
one="$work/batch/s00001.toml"
"$bin" score "$work"/batch/*.toml > /dev/null   # every file must be valid

echo "machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory, $(uname -sr)"

hyperfine --warmup 2 --runs 10 --style basic --export-json "$work/batch.json" \
    "'$bin' score $work/batch/*.toml > /dev/null" \
    "'$bin' score $work/batch/*.toml --format json > /dev/null"
hyperfine -N --warmup 20 --runs 200 --style basic --export-json "$work/one.json" \
    "'$bin' score '$one'"

median_ms() { # hyperfine JSON → median of each command, in ms
    python3 - "$1" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"  {r['median'] * 1000:.1f} ms  {r['command'][-40:]}")
PY
}
echo "median, 10,000 files (text, json):"; median_ms "$work/batch.json"
echo "median, 1 file:"; median_ms "$work/one.json"

peak_kb() { # median of 5 runs of "Maximum resident set size" (KB)
    for _ in 1 2 3 4 5; do
        /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1
    done | sort -n | sed -n 3p
}
echo "peak RSS, 10,000 files, text: $(peak_kb "$bin" score "$work"/batch/*.toml) KB"
echo "peak RSS, 10,000 files, json: $(peak_kb "$bin" score "$work"/batch/*.toml --format json) KB"
echo "peak RSS, 1 file:             $(peak_kb "$bin" score "$one") KB"

# The explorer: peak memory of drawing its first frame at three terminal sizes, in a
# pseudo-terminal made by `script` (util-linux) with the size set by stty.
explorer_peak_kb() { # rows cols → median of 5 runs, KB
    for _ in 1 2 3 4 5; do
        script -q -c "stty rows $1 cols $2; /usr/bin/time -f 'peak=%M' '$bin' --exit-after-first-frame" \
            "$work/typescript" >/dev/null 2>&1
        grep -ao 'peak=[0-9]*' "$work/typescript" | tail -1 | cut -d= -f2
    done | sort -n | sed -n 3p
}
for size in "24 80" "40 120" "70 250"; do
    set -- $size
    echo "peak RSS, explorer first frame ${2}×${1}: $(explorer_peak_kb "$1" "$2") KB"
done
