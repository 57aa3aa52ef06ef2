#!/usr/bin/env bash
# PhysNet's PPG and heart rate with channels-last activations (the default) against PyTorch's plain
# layout (-Dpulsej.physnet.channelsLast=false), on the same video through the whole pipeline:
# correlation of the two PPGs and the two median heart rates.
#
#   bench/layout_equivalence.sh [VIDEO] [MODEL]     default: the demo video, the bundled model
#
# The layout changes only the order in which the convolutions add their terms, so the PPGs must
# agree to float rounding (r >= 0.999).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/pulsej-layout.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
VIDEO="${1:-}"
MODEL="${2:-$ROOT/models/physnet-default}"
if [ -z "$VIDEO" ]; then
	"$ROOT/bin/pulsej" --run "Generate Synthetic Video" "output=[$WORK/video] seconds=30 hr=72 motion=10 name=demo" >/dev/null
	VIDEO="$WORK/video/demo.avi"
fi
for layout in true false; do
	PULSEJ_JAVA_OPTS="-Dpulsej.physnet.channelsLast=$layout ${PULSEJ_JAVA_OPTS:-}" "$ROOT/bin/pulsej" --run \
		"Estimate Heart Rate" "input=[$VIDEO] output=[$WORK/$layout] method=PhysNet model=[$MODEL] plots=false" >/dev/null
done
stem="$(basename "${VIDEO%.*}")"
paste -d, "$WORK/true/${stem}_ppg.csv" "$WORK/false/${stem}_ppg.csv" | awk -F, 'NR > 1 {
		n++; x = $3; y = $6; sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y
		d = x - y; if (d < 0) d = -d; if (d > dmax) dmax = d
	} END {
		r = (n * sxy - sx * sy) / sqrt((n * sxx - sx * sx) * (n * syy - sy * sy))
		printf "PPG, %d frames: r = %.6f between channels-last and plain layout; largest difference %.3g\n", n, r, dmax
		if (!(r >= 0.999)) { print "FAIL: r < 0.999"; exit 1 }
	}'
for layout in true false; do
	printf "median heart rate, channelsLast=%s: %s bpm\n" "$layout" \
		"$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "hr_median_bpm") c = i } NR == 2 { print $c }' "$WORK/$layout/summary.csv")"
done
