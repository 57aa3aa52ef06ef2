#!/usr/bin/env bash
# Heart rate of generated 30 s videos through each colour region (roi=tracked: the skin of the moving
# region; roi=box: that region without the skin mask; roi=face: the stabilised box), for POS, CHROM and
# GREEN, with the SNR at the true rate. The figures of RoiMode and skin-notes.md come from this script.
#   bench/roi_sets.sh [WORK_DIR]
# Sets (the first two as bench/train_defaults.sh makes them):
#   standard (8): still, sway, jumps, light step, HR ramp, dark, flicker, dark + motion
#   hard (6): weak pulse (0.15 %), noise 3, big sway (45 px) with a shake near 1 Hz, lamp ripple, dark
#   motion (8) and more (14): big motion (40-50 px sway, 10-12 px shake at 0.85-1.3 Hz, some tilt) and
#     big motion with a lamp ripple (1.3-1.8 Hz), weak pulse (0.15 %), noise 3, other seeds and rates
# Extra JVM options (e.g. -Droi.variants=1.0:2,1.0:4,1.2:3, unbridged skin regions as scale:k) in
# ROI_OPTS. The face is tracked once per video; every region is measured on that track.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${1:-$(mktemp -d)}"
PJ="$ROOT/bin/pulsej"

gen() { # set name hr hr_end seed noise extra...
	local set=$1 name=$2 hr=$3 hrEnd=$4 seed=$5 noise=$6
	shift 6
	mkdir -p "$WORK/$set"
	[ -f "$WORK/$set/$name.avi" ] || "$PJ" --run "Generate Synthetic Video" \
		"output=[$WORK/$set] name=$name hr=$hr hr_end=$hrEnd seconds=30 seed=$seed drift=0.05 noise=$noise jpeg=90 $*" >/dev/null
}
i=0
for c in "still 64 0 motion=0" "sway 78 0 motion=15 rotation=5" "jumps 90 0 motion=4 sudden=3" \
	"lightstep 72 0 motion=3 light_step=0.1" "ramp 60 100 motion=3" "dark 84 0 motion=3 brightness=0.3" \
	"flicker 70 0 motion=3 flicker=4" "darkmotion 104 0 motion=12 rotation=4 sudden=2 brightness=0.35"; do
	read -r name hr hrEnd extra <<<"$c"; gen standard "$name" "$hr" "$hrEnd" $((300 + i)) 2 $extra; i=$((i + 1))
done
i=0
for c in "still_weak 70 amplitude=0.0015 motion=2" "bigmotion1 88 amplitude=0.0015 motion=45 shake=10 shake_hz=0.9" \
	"bigmotion2 76 amplitude=0.0015 motion=45 shake=10 shake_hz=0.95" "lamp 64 amplitude=0.0015 motion=3 flicker=1.9" \
	"dark_weak 96 amplitude=0.0015 motion=6 brightness=0.35" \
	"lamp_shake 82 amplitude=0.0015 motion=20 shake=8 shake_hz=1.2 flicker=1.5"; do
	read -r name hr extra <<<"$c"; gen hard "$name" "$hr" 0 $((300 + i)) 3 $extra; i=$((i + 1))
done
i=0
for c in "m1 62 motion=40 shake=10 shake_hz=0.9" "m2 70 motion=45 shake=12 shake_hz=1.0" \
	"m3 95 motion=50 shake=10 shake_hz=1.1" "m4 105 motion=45 shake=10 shake_hz=0.85 rotation=3" \
	"m5 84 motion=45 shake=10 shake_hz=1.3" "m6 72 motion=40 shake=12 shake_hz=0.95 rotation=3" \
	"m7 100 motion=50 shake=10 shake_hz=1.2" "m8 66 motion=45 shake=10 shake_hz=0.9"; do
	read -r name hr extra <<<"$c"; gen motion "$name" "$hr" 0 $((500 + i)) 3 amplitude=0.0015 $extra; i=$((i + 1))
done
i=0
for c in "ls1 82 motion=20 shake=8 shake_hz=1.2 flicker=1.5" "ls2 70 motion=20 shake=8 shake_hz=1.1 flicker=1.6" \
	"ls3 95 motion=25 shake=10 shake_hz=1.0 flicker=1.4" "ls4 64 motion=20 shake=8 shake_hz=1.3 flicker=1.8" \
	"ls5 88 motion=30 shake=8 shake_hz=0.9 flicker=1.7" "ls6 76 motion=20 shake=10 shake_hz=1.2 flicker=1.3" \
	"n1 90 motion=45 shake=10 shake_hz=0.9" "n2 60 motion=45 shake=10 shake_hz=1.0" \
	"n3 78 motion=40 shake=10 shake_hz=1.1" "n4 110 motion=50 shake=12 shake_hz=0.95" \
	"n5 68 motion=45 shake=10 shake_hz=1.2 rotation=4" "n6 85 motion=40 shake=12 shake_hz=0.85" \
	"n7 74 motion=45 shake=10 shake_hz=1.05" "n8 98 motion=45 shake=10 shake_hz=0.9 rotation=3"; do
	read -r name hr extra <<<"$c"; gen more "$name" "$hr" 0 $((700 + i)) 3 amplitude=0.0015 $extra; i=$((i + 1))
done

# the bench runs from the test classes (and bin/pulsej's class path file)
(cd "$ROOT" && mvn -B -q -o test-compile)
[ -s "$ROOT/target/pulsej.classpath" ] || (cd "$ROOT" && mvn -B -q -o dependency:build-classpath \
	-Dmdep.outputFile=target/pulsej.classpath -Dmdep.includeScope=runtime)
JEMALLOC=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
if [ -z "${LD_PRELOAD:-}" ] && [ -f "$JEMALLOC" ]; then export LD_PRELOAD="$JEMALLOC"; fi
java -Xmx2g -Djava.awt.headless=true -Dai.djl.offline=true -Dai.djl.onnx.disable_alternative=true ${ROI_OPTS:-} \
	-cp "$ROOT/target/classes:$ROOT/target/test-classes:$(cat "$ROOT/target/pulsej.classpath")" org.pulsej.bench.RoiBench \
	"$WORK/standard" "$WORK/hard" "$WORK/motion" "$WORK/more"
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
