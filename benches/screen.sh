#!/usr/bin/env bash
# Benchmark `moat screen` against `moat check` (parse and validate: the floor).
#
#   bash benches/screen.sh              # 10,000 applicants, 3 runs each, then 100,000 without reports
#   N=2000 RUNS=5 BIG=0 bash benches/screen.sh
#
# Prints the median wall and CPU time of each, their ratio, applicants per second and
# peak memory (from /usr/bin/time -v), for `screen` as a committee runs it (a one-page
# brief per applicant, templates/brief.md.hbs, written in a second pass once ranks are
# known) and with `--full-reports` (also the full report of every applicant through
# templates/report.md.hbs, as `moat report` writes it). Run it on an idle machine. The reports go to
# ${TMPDIR:-/tmp}; `TMPDIR=/dev/shm bash benches/screen.sh` takes the disk out of the
# figures. On ext4, creating many files within a few minutes of deleting many (an earlier
# run's cleanup) is several times slower, so leave five minutes between runs.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000}
RUNS=${RUNS:-3}
BIG=${BIG:-100000}
JOBS=${JOBS:-}

cargo build --release --quiet
moat="$PWD/target/release/moat"
work=$(mktemp -d "${TMPDIR:-/tmp}/moat-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }

jobs_flag=()
[ -n "$JOBS" ] && jobs_flag=(--jobs "$JOBS")

# run LABEL CMD...: time one command; prints "seconds peak_kib" and keeps its stderr on failure.
run() {
    local log="$work/time.log"
    if ! /usr/bin/time -v "$@" >/dev/null 2>"$log"; then
        local code=$?
        # screen/check exit 3 when some files are rejected; a sampled batch has none.
        cat "$log" >&2
        exit "$code"
    fi
    local wall peak cpu
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
    peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$log")
    # wall is m:ss.ss or h:mm:ss
    echo "$wall $peak $cpu" | awk '{n=split($1,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; printf "%.3f %d %.2f\n", s, $2, $3}'
}

# calc EXPR: floating-point arithmetic without bc.
calc() { awk "BEGIN {print $1}"; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); moat $("$moat" --version | cut -d' ' -f2); output on $(df -T "$work" | awk 'NR==2 {print $2}')"
echo "sampling $N applicants..."
"$moat" --quiet sample --count "$N" --seed 7 -o "$work/apps"

check_times=(); screen_times=(); full_times=(); check_cpu=(); screen_cpu=(); full_cpu=()
check_peak=0; screen_peak=0; full_peak=0
for i in $(seq "$RUNS"); do
    read -r t p c < <(run "$moat" --quiet check "$work/apps")
    check_times+=("$t"); check_cpu+=("$c"); (( p > check_peak )) && check_peak=$p
    # A fresh folder each run, deleted only at the end: on ext4, creating thousands of
    # files just after deleting thousands makes the kernel search its inode tables
    # (seen here: screen's system time went from 1 s to 7 s).
    read -r t p c < <(run "$moat" --quiet screen "$work/apps" -o "$work/out$i" "${jobs_flag[@]}")
    screen_times+=("$t"); screen_cpu+=("$c"); (( p > screen_peak )) && screen_peak=$p
    read -r t p c < <(run "$moat" --quiet screen "$work/apps" -o "$work/full$i" --full-reports "${jobs_flag[@]}")
    full_times+=("$t"); full_cpu+=("$c"); (( p > full_peak )) && full_peak=$p
done
med() { printf '%s\n' "$@" | median; }
check_med=$(med "${check_times[@]}"); check_cpu_med=$(med "${check_cpu[@]}")
screen_med=$(med "${screen_times[@]}"); screen_cpu_med=$(med "${screen_cpu[@]}")
full_med=$(med "${full_times[@]}"); full_cpu_med=$(med "${full_cpu[@]}")
briefs=$(find "$work/out1" -maxdepth 1 -name 'applicant-*.md' | wc -l)
# Bytes, not disk blocks: a 2 KB brief takes a 4 KiB block.
brief_kib=$(find "$work/out1" -maxdepth 1 -name 'applicant-*.md' -printf '%s\n' | awk '{s += $1} END {print s / 1024}')
reports=$(find "$work/full1/reports" -name 'applicant-*.md' | wc -l)
report_kib=$(find "$work/full1/reports" -name 'applicant-*.md' -printf '%s\n' | awk '{s += $1} END {print s / 1024}')
read -r small_t small_peak _ < <(run "$moat" --quiet screen "$work/apps" -o "$work/small" --no-reports "${jobs_flag[@]}")

line() { printf '  %-36s %8.3f s   %8.0f applicants/s   cpu %5.2f s   peak %6.1f MiB\n' "$1" "$2" "$(calc "$N / $2")" "$3" "$(calc "$4 / 1024")"; }
echo
echo "== $N applicants, $RUNS runs each (median wall time)"
line "check (parse + validate)" "$check_med" "$check_cpu_med" "$check_peak"
line "screen (default: $briefs briefs)" "$screen_med" "$screen_cpu_med" "$screen_peak"
line "screen --full-reports (+$reports)" "$full_med" "$full_cpu_med" "$full_peak"
printf '  %-36s %8.3f s   %8.0f applicants/s                peak %6.1f MiB\n' "screen --no-reports" "$small_t" "$(calc "$N / $small_t")" "$(calc "$small_peak / 1024")"
printf '  screen / check                       %8.2f x (cpu %.2f x); --full-reports / check %.2f x\n' \
    "$(calc "$screen_med / $check_med")" "$(calc "$screen_cpu_med / $check_cpu_med")" "$(calc "$full_med / $check_med")"
printf '  briefs written                       %8.1f MiB (%.1f KiB each); full reports %.1f MiB (%.1f KiB each)\n' \
    "$(calc "$brief_kib / 1024")" "$(calc "$brief_kib / $briefs")" "$(calc "$report_kib / 1024")" "$(calc "$report_kib / $reports")"

if [ "$BIG" -gt 0 ]; then
    echo
    echo "sampling $BIG applicants..."
    rm -rf "$work/apps" "$work"/out*
    "$moat" --quiet sample --count "$BIG" --seed 7 -o "$work/big"
    read -r t p _ < <(run "$moat" --quiet screen "$work/big" -o "$work/bigout" --no-reports "${jobs_flag[@]}")
    echo "== $BIG applicants, --no-reports"
    printf '  screen --no-reports                %8.3f s   %8.0f applicants/s   peak %6.1f MiB\n' "$t" "$(calc "$BIG / $t")" "$(calc "$p / 1024")"
    printf '  memory per extra applicant         %8.0f bytes (the summary row the ranking needs)\n' "$(calc "($p - $small_peak) * 1024 / ($BIG - $N)")"
fi
