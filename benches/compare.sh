#!/usr/bin/env bash
# Times parallax next to what people use instead, on one synthetic story of N articles:
#   - floor:        Python that reads every article, lowercases it and indexes every word 4-gram
#                   (about the least any tool that matches passages must do);
#   - difflib:      Python's difflib.SequenceMatcher on every pair of articles (matching blocks);
#   - text-matcher: the text-matcher package from PyPI (its Matcher, as its command line runs it)
#                   on every pair of articles. Its command line on the folder against itself
#                   would also compare each article with itself, which it cannot do.
# Runs alternate (parallax, floor, parallax, floor, …) so that a busy machine slows all alike;
# the table gives medians of wall time, CPU time and peak memory, and each tool's ratio to
# parallax. The two pairwise peers grow with the square of the story, so they run PEER_RUNS
# times (default 1) and only up to PEERS_MAX articles (default 1000).
#
# usage: benches/compare.sh [N=1000] [RUNS=5]
#        COMPARE_DIR (default target/compare) holds the corpus and the Python environment.
set -euo pipefail
n=${1:-1000}
runs=${2:-5}
peer_runs=${PEER_RUNS:-1}
peers_max=${PEERS_MAX:-1000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${COMPARE_DIR:-$root/target/compare}
corpus=$work/synth-$n
mkdir -p "$work"
cd "$root"

cargo build --release --quiet --bin parallax --example synth
[ -d "$corpus" ] || target/release/examples/synth "$n" "$corpus" >/dev/null

if [ ! -x "$work/venv/bin/text-matcher" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet text-matcher
fi
py=$work/venv/bin/python
# text-matcher loads NLTK's English stop words, which NLTK downloads from the network; a plain
# list in NLTK's layout serves offline.
export NLTK_DATA=$work/nltk_data
mkdir -p "$NLTK_DATA/corpora/stopwords"
tr ' ' '\n' >"$NLTK_DATA/corpora/stopwords/english" <<'WORDS'
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself they them their theirs themselves what which who whom this that these those am is are was were be been being have has had having do does did doing a an the and but if or because as until while of at by for with about against between into through during before after above below to from up down in out on off over under again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too very s t can will just don should now
WORDS

cat >"$work/floor.py" <<'EOF'
import os, sys
d = sys.argv[1]
index = {}
for k, f in enumerate(sorted(x for x in os.listdir(d) if x.endswith('.txt'))):
    w = open(os.path.join(d, f), encoding='utf-8', errors='replace').read().lower().split()
    for i in range(len(w) - 3):
        index.setdefault((w[i], w[i + 1], w[i + 2], w[i + 3]), []).append((k, i))
print(len(index))
EOF
cat >"$work/tm_pairs.py" <<'EOF'
import itertools, os, sys
from text_matcher.matcher import Matcher, Text
d = sys.argv[1]
names = sorted(x for x in os.listdir(d) if x.endswith('.txt'))
texts = [Text(open(os.path.join(d, f), errors='ignore').read(), f) for f in names]
matches = 0
for a, b in itertools.combinations(texts, 2):
    matches += Matcher(a, b, threshold=3, cutoff=5, ngramSize=3, removeStopwords=False).match()[0]
print(matches)
EOF
cat >"$work/difflib_pairs.py" <<'EOF'
import difflib, itertools, os, sys
d = sys.argv[1]
texts = [open(os.path.join(d, f), encoding='utf-8', errors='replace').read().split()
         for f in sorted(x for x in os.listdir(d) if x.endswith('.txt'))]
blocks = 0
for a, b in itertools.combinations(texts, 2):
    blocks += sum(1 for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size >= 5)
print(blocks)
EOF

# One timed run: appends "wall cpu peak_kib" to the tool's result file.
timed() {
  local name=$1; shift
  /usr/bin/time -o "$work/last.time" -f '%e %U %S %M' "$@" >/dev/null 2>"$work/$name.err" ||
    echo "$name failed (see $work/$name.err)" >&2
  tail -1 "$work/last.time" | awk '{ printf "%s %.2f %d\n", $1, $2 + $3, $4 }' >>"$work/$name.times"
}

rm -f "$work"/*.times
for ((r = 1; r <= runs; r++)); do
  timed parallax target/release/parallax align --format json "$corpus"
  timed floor "$py" "$work/floor.py" "$corpus"
done
if [ "$n" -le "$peers_max" ]; then
  for ((r = 1; r <= peer_runs; r++)); do
    timed difflib "$py" "$work/difflib_pairs.py" "$corpus"
    timed parallax target/release/parallax align --format json "$corpus"
    (cd "$work" && timed text-matcher "$py" "$work/tm_pairs.py" "$corpus")
  done
fi

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
words=$(cat "$corpus"/*.txt | wc -w)
echo "story: $n articles, $words words ($corpus)"
printf '%-13s %6s %10s %9s %10s %11s\n' tool runs "wall (s)" "cpu (s)" "peak MiB" "× parallax"
base=$(cut -d' ' -f1 "$work/parallax.times" | median)
for tool in parallax floor difflib text-matcher; do
  f=$work/$tool.times
  [ -s "$f" ] || continue
  wall=$(cut -d' ' -f1 "$f" | median)
  cpu=$(cut -d' ' -f2 "$f" | median)
  mem=$(cut -d' ' -f3 "$f" | median)
  awk -v t="$tool" -v r="$(wc -l <"$f")" -v w="$wall" -v c="$cpu" -v m="$mem" -v b="$base" \
    'BEGIN { printf "%-13s %6d %10.2f %9.2f %10.0f %11.2f\n", t, r, w, c, m / 1024, w / b }' 
done
