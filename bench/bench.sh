#!/bin/sh
# bench/bench.sh BUILD - the benchmark behind `make bench` (bench/README.md).
#
# Generates (once, cached under $BENCH_DIR) a 4,000-page and a 40,000-page
# government-style site as directories and as tar.gz, then measures, in
# one run and side by side: sitelint on the tar.gz and on the directory
# with the default --jobs, with --jobs 1 and --jobs 2; `xmllint --html
# --noout` over the same pages (the parse ceiling, one core); the peers
# where installed; the 40,000-page scaling run; and the dictionaries with
# a generated 100,000-entry dictionary.  Every figure is the median of
# BENCH_RUNS runs, interleaved so that a burst of load elsewhere on the
# machine hits all of them alike; "spread" is (max - min) / median.
#
# Settings (environment): BENCH_PAGES (4000), BENCH_LARGE_PAGES (40000,
# 0 skips the scaling run), BENCH_RUNS (3), BENCH_LARGE_RUNS (1),
# BENCH_DICT_ENTRIES (100000), BENCH_DIR (BUILD/bench), BENCH_PEERS (1;
# 0 skips html-proofer and linkchecker), BENCH_PEER_TIMEOUT (600 s).
set -eu

B=${1:-build}
RUNSTAT=$B/bench/runstat
GEN=$B/bench/gensite
SLPACK=$B/tools/slpack
PAGES=${BENCH_PAGES:-4000}
LARGE=${BENCH_LARGE_PAGES:-40000}
RUNS=${BENCH_RUNS:-3}
LARGE_RUNS=${BENCH_LARGE_RUNS:-1}
ENTRIES=${BENCH_DICT_ENTRIES:-100000}
W=${BENCH_DIR:-$B/bench}
PEERS=${BENCH_PEERS:-1}
PEER_TIMEOUT=${BENCH_PEER_TIMEOUT:-600}
CORES=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)

export LC_ALL=C
mkdir -p "$W/bin"
RES=$W/results.txt
: > "$RES"

# The program under test is copied first, so that a rebuild during the
# run (a shared machine) cannot mix two programs; the copy reads the
# bundled dictionaries of this tree.
cp "$B/sitelint" "$W/bin/sitelint"
SL=$W/bin/sitelint
SITELINT_DATA_DIR=$(pwd)/dictionaries
export SITELINT_DATA_DIR

say() { printf '%s\n' "$*" >&2; }

# --- the sites ---------------------------------------------------------

# make_site N: the N-page site as $W/site-N and $W/site-N.tar.gz, made
# again only when the generator or its vocabulary changed.
make_site() {
	n=$1
	d=$W/site-$n
	stamp="$n $(cat bench/gensite.c bench/gensite_site.c bench/gentext.c bench/words.txt | cksum)"
	if [ -f "$d.stamp" ] && [ "$(cat "$d.stamp")" = "$stamp" ] && [ -f "$d.tar.gz" ]; then
		return 0
	fi
	say "bench: generating a $n-page site in $d"
	rm -rf "$d" "$d.tar.gz" "$d.stamp"
	"$GEN" "$d" "$n" >&2
	"$SLPACK" tar.gz "$d" "$d.tar.gz"
	echo "$stamp" > "$d.stamp"
}

# site_facts N: sets HTML_N, PAGES_N, BYTES_N (all files), HTMLBYTES_N and
# writes the list of pages to $W/site-N.pages (NUL-separated, sorted).
site_facts() {
	d=$W/site-$1
	find "$d" -type f -name '*.html' -print0 | sort -z > "$d.pages"
	np=$(tr -cd '\000' < "$d.pages" | wc -c)
	hb=$(xargs -0 cat < "$d.pages" | wc -c)
	ab=$(find "$d" -type f -print0 | xargs -0 cat | wc -c)
	eval "PAGES_$1=$np HTMLBYTES_$1=$hb BYTES_$1=$ab"
}

# --- measuring ---------------------------------------------------------

# once LABEL CMD...: one run of CMD, appended to $W/runs-LABEL.
once() {
	label=$1
	shift
	"$RUNSTAT" "$W/out-$label.txt" -- "$@" >> "$W/runs-$label"
}

# summarize LABEL: "LABEL wall_median wall_min wall_max cpu_median rss_max
# status" into the results.
summarize() {
	awk -v label="$1" '
	{
		for (i = 1; i <= NF; i++) {
			split($i, kv, "=")
			v[kv[1]] = kv[2]
		}
		n++
		wall[n] = v["wall"] + 0
		cpu[n] = v["user"] + v["sys"]
		if (v["rss_mb"] + 0 > rss)
			rss = v["rss_mb"] + 0
		status = v["status"]
	}
	function median(a, n,    i, j, t, b) {
		for (i = 1; i <= n; i++)
			b[i] = a[i]
		for (i = 1; i <= n; i++)
			for (j = i + 1; j <= n; j++)
				if (b[j] < b[i]) {
					t = b[i]; b[i] = b[j]; b[j] = t
				}
		return n % 2 ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2
	}
	END {
		if (n == 0)
			exit
		lo = hi = wall[1]
		for (i = 2; i <= n; i++) {
			if (wall[i] < lo) lo = wall[i]
			if (wall[i] > hi) hi = wall[i]
		}
		printf "%s %.3f %.3f %.3f %.3f %.1f %s %d\n", label, median(wall, n), lo, hi,
		       median(cpu, n), rss, status, n
	}' "$W/runs-$1" >> "$RES"
}

# get LABEL FIELD: a field of LABEL's result (wall lo hi cpu rss status n).
get() {
	awk -v label="$1" -v f="$2" '
	$1 == label {
		i = f == "wall" ? 2 : f == "lo" ? 3 : f == "hi" ? 4 : f == "cpu" ? 5 : \
		    f == "rss" ? 6 : f == "status" ? 7 : 8
		print $i
		found = 1
	}
	END { if (!found) print "-" }' "$RES"
}

have() { command -v "$1" >/dev/null 2>&1; }

# The parse ceiling needs xmllint (Debian: libxml2-utils); installed the
# way tests/deps.sh installs the build dependencies: as root with apt-get.
if ! have xmllint && [ "$(id -u)" = 0 ] && have apt-get; then
	say "bench: installing libxml2-utils (xmllint, the parse ceiling)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		libxml2-utils >/dev/null 2>&1 || true
fi
have xmllint || say "bench: xmllint not found (apt-get install libxml2-utils): no parse ceiling"

# --- the runs ----------------------------------------------------------

make_site "$PAGES"
site_facts "$PAGES"
S=$W/site-$PAGES
eval "NP=\$PAGES_$PAGES HB=\$HTMLBYTES_$PAGES AB=\$BYTES_$PAGES"
"$GEN" -d "$W/dict-$ENTRIES.txt" "$ENTRIES"
ONE=$S/index.html
rm -f "$W"/runs-*

XMLLINT="xargs -0 xmllint --html --noout"
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
say "bench: $RUNS interleaved runs over $S ($NP pages)"
r=0
while [ "$r" -lt "$RUNS" ]; do
	r=$((r + 1))
	say "bench: round $r of $RUNS"
	if have xmllint; then
		once xmllint sh -c "$XMLLINT < '$S.pages' 2>/dev/null"
	fi
	once tgz "$SL" -q "$S.tar.gz"
	once dir "$SL" -q "$S"
	once j1 "$SL" -q --jobs 1 "$S.tar.gz"
	once j2 "$SL" -q --jobs 2 "$S.tar.gz"
	once bigdict "$SL" -q --dict "$W/dict-$ENTRIES.txt" "$S.tar.gz"
	once load0 "$SL" -q "$ONE"
	once load1 "$SL" -q --dict "$W/dict-$ENTRIES.txt" "$ONE"
done
for l in xmllint tgz dir j1 j2 bigdict load0 load1; do
	[ -f "$W/runs-$l" ] && summarize "$l"
done

# The peers, once each, on the same directory.
PROOFER_NOTE="not installed (Debian: ruby-html-proofer)"
LC_NOTE="not installed (Debian: linkchecker; needs python3 too)"
if [ "$PEERS" != 1 ]; then
	PROOFER_NOTE="skipped (BENCH_PEERS=0)"
	LC_NOTE=$PROOFER_NOTE
else
	TO=""
	have timeout && TO="timeout $PEER_TIMEOUT"
	if have htmlproofer; then
		say "bench: html-proofer (external links off)"
		# Ruby reads the pages in the locale's encoding: UTF-8, not C.
		once proofer env LC_ALL=C.UTF-8 $TO htmlproofer --disable-external \
			--log-level :fatal "$S" || true
		summarize proofer
		PROOFER_NOTE="exit status $(get proofer status) (1: it ran and found problems; 124: stopped after $PEER_TIMEOUT s)"
	fi
	if have linkchecker && have python3; then
		say "bench: linkchecker over a loopback HTTP server of the same directory"
		port=$((20000 + $$ % 20000))
		python3 -m http.server --bind 127.0.0.1 --directory "$S" "$port" \
			>/dev/null 2>&1 &
		srv=$!
		sleep 1
		once linkchecker $TO linkchecker --no-status --no-warnings \
			"http://127.0.0.1:$port/" || true
		kill "$srv" 2>/dev/null || true
		wait "$srv" 2>/dev/null || true
		summarize linkchecker
		LC_NOTE="exit status $(get linkchecker status) (124: stopped after $PEER_TIMEOUT s); \
$(grep -o '[0-9]* links in [0-9]* URLs checked' "$W/out-linkchecker.txt" | tail -n 1)"
	fi
fi

# The scaling run.
if [ "$LARGE" -gt 0 ]; then
	make_site "$LARGE"
	site_facts "$LARGE"
	eval "NPL=\$PAGES_$LARGE ABL=\$BYTES_$LARGE"
	r=0
	while [ "$r" -lt "$LARGE_RUNS" ]; do
		r=$((r + 1))
		say "bench: scaling run $r of $LARGE_RUNS ($NPL pages)"
		once large "$SL" -q "$W/site-$LARGE.tar.gz"
	done
	summarize large
fi
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# --- the report --------------------------------------------------------

sl_version=$("$SL" --version 2>/dev/null | head -n 1)
xml_version=$(xmllint --version 2>&1 | head -n 1 || true)
cpu_model=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)

awk -v np="$NP" -v hb="$HB" -v ab="$AB" -v cores="$CORES" -v runs="$RUNS" \
    -v site="$S" -v tgz="$(wc -c < "$S.tar.gz")" -v npl="${NPL:-0}" -v abl="${ABL:-0}" \
    -v large="$LARGE" -v entries="$ENTRIES" -v slv="$sl_version" -v xmlv="$xml_version" \
    -v cpumodel="$cpu_model" -v load0="$LOAD0" -v load1="$LOAD1" \
    -v proofer_note="$PROOFER_NOTE" -v lc_note="$LC_NOTE" '
function row(l, name, pages, bytes, note) {
	if (!(l in wall)) {
		printf "  %-44s %s\n", name, note != "" ? note : "(not run)"
		return
	}
	w = wall[l] > 0 ? wall[l] : 0.001
	printf "  %-44s %7.2f %6.0f%% %7.2f %5.2f %8.0f %7.1f %7.1f\n", name, wall[l],
	       100 * (hi[l] - lo[l]) / w, cpu[l], cpu[l] / w, pages / w, bytes / 1e6 / w, rss[l]
}
function verdict(ok) { return ok ? "met" : "MISSED" }
{
	wall[$1] = $2; lo[$1] = $3; hi[$1] = $4; cpu[$1] = $5; rss[$1] = $6; n[$1] = $8
}
END {
	printf "sitelint benchmark (%s)\n", slv
	printf "machine: %d cores (%s); load average %s at the start, %s at the end\n",
	       cores, cpumodel, load0, load1
	printf "site: %s: %d HTML pages, %.1f MB of HTML, %.1f MB in all; tar.gz %.1f MB\n",
	       site, np, hb / 1e6, ab / 1e6, tgz / 1e6
	printf "each figure: the median of %d interleaved runs; spread = (max - min) / median of the wall times\n\n", runs
	printf "  %-44s %7s %7s %7s %5s %8s %7s %7s\n", "run", "wall s", "spread", "cpu s",
	       "cores", "pages/s", "MB/s", "RSS MB"
	row("xmllint", "xmllint --html --noout (HTML only, 1 core)", np, hb)
	row("tgz", "sitelint tar.gz, default --jobs (" cores ")", np, ab)
	row("dir", "sitelint directory, default --jobs", np, ab)
	row("j1", "sitelint tar.gz, --jobs 1", np, ab)
	row("j2", "sitelint tar.gz, --jobs 2", np, ab)
	row("proofer", "html-proofer --disable-external (directory)", np, hb, proofer_note)
	row("linkchecker", "linkchecker (directory over loopback HTTP)", np, hb, lc_note)
	printf "\n  MB/s counts every file sitelint reads (attachments too) and only the HTML for the peers.\n"
	printf "  html-proofer: %s\n  linkchecker: %s\n", proofer_note, lc_note

	printf "\nratios (wall time; cpu time in brackets)\n"
	if (!("tgz" in wall) || !("j1" in wall) || !("j2" in wall))
		exit
	if ("xmllint" in wall) {
		x = wall["tgz"] / wall["xmllint"]
		printf "  sitelint tar.gz default --jobs / xmllint:     %.2f  [cpu %.2f]   target <= 1.00: %s\n",
		       x, cpu["tgz"] / cpu["xmllint"], verdict(x <= 1.0)
		printf "  sitelint tar.gz --jobs 1 / xmllint:           %.2f  [cpu %.2f]\n",
		       wall["j1"] / wall["xmllint"], cpu["j1"] / cpu["xmllint"]
	}
	s = wall["j1"] / wall["j2"]
	printf "  speed-up of --jobs 2 over --jobs 1:           %.2f  [cpu %.2f]   target >= 1.70: %s\n",
	       s, cpu["j2"] / cpu["j1"], verdict(s >= 1.7)
	if ("proofer" in wall)
		printf "  html-proofer / sitelint tar.gz:               %.1f\n", wall["proofer"] / wall["tgz"]
	if ("linkchecker" in wall)
		printf "  linkchecker / sitelint tar.gz:                %.1f\n", wall["linkchecker"] / wall["tgz"]

	printf "\nscaling (tar.gz, default --jobs)\n"
	printf "  %8s %8s %9s %9s %8s %7s\n", "pages", "wall s", "ms/page", "cpu ms/p", "RSS MB", "target"
	printf "  %8d %8.2f %9.3f %9.3f %8.1f %7s  %s\n", np, wall["tgz"], 1000 * wall["tgz"] / np,
	       1000 * cpu["tgz"] / np, rss["tgz"], "<= 150", verdict(rss["tgz"] <= 150)
	if (large > 0 && ("large" in wall))
		printf "  %8d %8.2f %9.3f %9.3f %8.1f %7s  %s   (%d run%s)\n", npl, wall["large"],
		       1000 * wall["large"] / npl, 1000 * cpu["large"] / npl, rss["large"], "<= 200",
		       verdict(rss["large"] <= 200), n["large"], n["large"] == 1 ? "" : "s"

	printf "\ndictionaries (bundled, and bundled + %d generated entries)\n", entries
	d = wall["load1"] - wall["load0"]
	printf "  load + compile (one page, with - without):    %.3f s  [cpu %.3f s]   target <= 0.5: %s\n",
	       d, cpu["load1"] - cpu["load0"], verdict(d <= 0.5)
	m = wall["bigdict"] / wall["tgz"]
	printf "  %d-page run with / without it:              %.3f  [cpu %.3f]\n",
	       np, m, cpu["bigdict"] / cpu["tgz"]
	# Matching speed: the same run less the load measured above (which
	# happens once, before the first page, on one core).
	mm = (wall["bigdict"] - d) / wall["tgz"]
	printf "  matching alone (that run less the load) / without: %.3f  [cpu %.3f]   target <= 1.10: %s\n",
	       mm, (cpu["bigdict"] - (cpu["load1"] - cpu["load0"])) / cpu["tgz"], verdict(mm <= 1.10)
}' "$RES"
