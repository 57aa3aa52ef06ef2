#!/usr/bin/env bash
# Train PhysNet with ALL defaults (plus TRAIN_KEYS, e.g. "loss=contrastive lr=0.001") on generated
# 30 s videos, measure the same videos with it and with POS, print the errors.
#   standard set (8): still, sway, jumps, light step, HR ramp, dark, flicker, dark + motion
#   hard set (6): weak pulse (0.15 %), sensor noise, big sway (45 px) with a periodic shake near 1 Hz,
#                 an in-band lamp ripple, dark
#   turning set (8): the head turns left and right (20-30 degrees; rhythms near 0.3, 0.9 and 1.6 Hz)
#                 under a light from the side; the first four bright enough that light skin's lit side
#                 clips, the last four dimmer (nothing clips)
#   gloss set (4): turning heads whose skin shines (gloss) where it faces halfway to the side light
#   weak set (10): every pulse weak (0.15 %) with sensor noise, four of them dark (0.3-0.4), two with
#                 a big sway and a shake near 1 Hz, two with a lamp ripple (one shaking too), a still
#                 face and two rates that change (66->88, 65->100): a set where nothing has a clear pulse
#   long set (1): a 5-minute video (76 bpm, sway and head jumps): the training time of a long video
#   ablation set (8): the set of bench/specialists_ablation.md made with Generate: 20 s at 128x96, odd
#                 ones dark (0.3), videos 2, 3, 6, 7 with 4-6 sudden head moves, every heart rate
#                 drifting 20-25 bpm
#   every set but long is also scored per frame by Evaluate (POS; PhysNet read with POS, as by default;
#                 PhysNet alone, pos_weight=0: metrics and per video)
#   folder set: the videos already in WORK_DIR/videos (each with its NAME_gt.csv), e.g. the set that
#                 bench/specialists_ablation.sh wrote
# The figures of docs/training.md ("Defaults and time budget", "Loss, region and colours") come from this script.
#   bench/train_defaults.sh [WORK_DIR] [standard|hard|weak|turning|gloss|long|ablation|folder]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${1:-$(mktemp -d)}"
PJ="$ROOT/bin/pulsej"
SET="${2:-standard}"
mkdir -p "$WORK/videos"

# name hr hr_end extra-keys
NOISE=2
SECONDS_EACH=30
SEED_BASE=300
if [ "$SET" = folder ]; then cases=()
	for f in "$WORK"/videos/*.avi; do n=$(basename "$f" .avi); cases+=("$n 0 0"); done
elif [ "$SET" = ablation ]; then SECONDS_EACH=20; cases=(
	"a0 72 96 width=128 height=96 motion=2"
	"a1_dark 85 62 width=128 height=96 motion=2 brightness=0.3"
	"a2_motion 64 88 width=128 height=96 motion=2 sudden=5"
	"a3_dark_motion 55 78 width=128 height=96 motion=2 sudden=4 brightness=0.3"
	"a4 92 70 width=128 height=96 motion=2"
	"a5_dark 66 90 width=128 height=96 motion=2 brightness=0.3"
	"a6_motion 97 75 width=128 height=96 motion=2 sudden=6"
	"a7_dark_motion 80 102 width=128 height=96 motion=2 sudden=5 brightness=0.3"
); elif [ "$SET" = turning ]; then SEED_BASE=400; cases=(
	"turn_c1 73 0 turn=25 turn_hz=0.3 side_light=0.5 motion=4"
	"turn_c2 68 0 turn=30 turn_hz=0.27 side_light=0.5 motion=4"
	"turn_c3 84 0 turn=20 turn_hz=0.33 side_light=0.6 motion=6"
	"turn_c4 92 0 turn=25 turn_hz=0.25 side_light=0.5 motion=4"
	"turn_d1 74 0 turn=25 turn_hz=0.3 side_light=0.4 motion=4 brightness=0.7"
	"turn_d2 62 0 turn=30 turn_hz=0.28 side_light=0.4 motion=4 brightness=0.7"
	"turn_d3 88 0 turn=20 turn_hz=0.35 side_light=0.5 motion=6 brightness=0.7"
	"turn_d4 79 0 turn=25 turn_hz=0.31 side_light=0.4 motion=4 brightness=0.7"
); elif [ "$SET" = gloss ]; then SEED_BASE=500; cases=(
	"gloss_1 71 0 turn=25 turn_hz=0.3 side_light=0.5 gloss=0.4 motion=4 brightness=0.85"
	"gloss_2 66 0 turn=30 turn_hz=0.27 side_light=0.5 gloss=0.5 motion=4 brightness=0.85"
	"gloss_3 86 0 turn=20 turn_hz=0.33 side_light=0.5 gloss=0.3 motion=6 brightness=0.85"
	"gloss_4 95 0 turn=25 turn_hz=0.25 side_light=0.4 gloss=0.4 motion=4 brightness=0.85"
); elif [ "$SET" = long ]; then SECONDS_EACH=300; cases=(
	"long5min 76 0 motion=8 rotation=3 sudden=4"
); elif [ "$SET" = weak ]; then NOISE=3; SEED_BASE=901; cases=(
	"v_dark1 84 0 amplitude=0.0015 motion=6 brightness=0.35"
	"v_dark2 72 0 amplitude=0.0015 motion=6 brightness=0.3"
	"v_dark3 66 88 amplitude=0.0015 motion=4 brightness=0.35"
	"v_dark4 104 92 amplitude=0.0015 motion=8 brightness=0.4"
	"v_motion1 92 0 amplitude=0.0015 motion=40 shake=10 shake_hz=1.1"
	"v_motion2 70 80 amplitude=0.0015 motion=35 shake=8 shake_hz=0.8"
	"v_lamp1 76 0 amplitude=0.0015 motion=3 flicker=1.6"
	"v_lamp2 100 0 amplitude=0.0015 motion=15 shake=6 shake_hz=1.3 flicker=2.1"
	"v_still 60 0 amplitude=0.0015 motion=2"
	"v_ramp 65 100 amplitude=0.0015 motion=10"
); elif [ "$SET" = hard ]; then NOISE=3; cases=(
	"still_weak 70 0 amplitude=0.0015 motion=2"
	"bigmotion1 88 0 amplitude=0.0015 motion=45 shake=10 shake_hz=0.9"
	"bigmotion2 76 0 amplitude=0.0015 motion=45 shake=10 shake_hz=0.95"
	"lamp 64 0 amplitude=0.0015 motion=3 flicker=1.9"
	"dark_weak 96 0 amplitude=0.0015 motion=6 brightness=0.35"
	"lamp_shake 82 0 amplitude=0.0015 motion=20 shake=8 shake_hz=1.2 flicker=1.5"
); else cases=(
	"still 64 0 motion=0"
	"sway 78 0 motion=15 rotation=5"
	"jumps 90 0 motion=4 sudden=3"
	"lightstep 72 0 motion=3 light_step=0.1"
	"ramp 60 100 motion=3"
	"dark 84 0 motion=3 brightness=0.3"
	"flicker 70 0 motion=3 flicker=4"
	"darkmotion 104 0 motion=12 rotation=4 sudden=2 brightness=0.35"
); fi
for i in "${!cases[@]}"; do
	read -r name hr hrEnd extra <<<"${cases[$i]}"
	[ -f "$WORK/videos/$name.avi" ] || "$PJ" --run "Generate Synthetic Video" \
		"output=[$WORK/videos] name=$name hr=$hr hr_end=$hrEnd seconds=$SECONDS_EACH seed=$((SEED_BASE + i)) drift=0.05 noise=$NOISE jpeg=90 $extra" >/dev/null
done

MODEL="$WORK/model"
rm -rf "$MODEL" "$WORK/results" "$WORK/results-pos"
start=$(date +%s)
"$PJ" --run "Train PhysNet" "input=[$WORK/videos] output=[$MODEL] ${TRAIN_KEYS:-}" 2>&1 | grep -E "Epoch|stopped|trained" || true
train_s=$(( $(date +%s) - start ))
"$PJ" --run "Estimate Heart Rate" "input=[$WORK/videos] output=[$WORK/results] method=PhysNet model=[$MODEL] plots=false" >/dev/null 2>&1
"$PJ" --run "Estimate Heart Rate" "input=[$WORK/videos] output=[$WORK/results-pos] method=POS plots=false" >/dev/null 2>&1

# the truth: median of the ground-truth HR column (what hr_median_bpm estimates)
echo "video,true_bpm,physnet_bpm,pos_bpm"
for i in "${!cases[@]}"; do
	read -r name hr hrEnd extra <<<"${cases[$i]}"
	truth=$(awk -F, 'NR > 1 {print $4}' "$WORK/videos/${name}_gt.csv" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
	p=$(awk -F, -v v="$name" '$1==v {print $4}' "$WORK/results/summary.csv")
	q=$(awk -F, -v v="$name" '$1==v {print $4}' "$WORK/results-pos/summary.csv")
	printf "%s,%.1f,%s,%s\n" "$name" "$truth" "$p" "$q"
done | tee "$WORK/evaluation.csv"
awk -F, '{e=$3-$2; if(e<0)e=-e; s+=e; f=$4-$2; if(f<0)f=-f; t+=f; n++} END {printf "MAE (median HR) PhysNet %.2f bpm, POS %.2f bpm over %d videos\n", s/n, t/n, n}' "$WORK/evaluation.csv"
if [ "$SET" != long ]; then
	# per frame, against the ground truth (Evaluate's metrics.csv: method,…,mae_bpm,…)
	# physnet: read with POS's spectrum (pos_weight=0.5, the default); physnet-alone: its PPG alone (the paper)
	rm -rf "$WORK/eval-pos" "$WORK/eval-physnet" "$WORK/eval-physnet-alone"
	"$PJ" --run "Evaluate" "input=[$WORK/videos] output=[$WORK/eval-pos] method=POS plots=false" >/dev/null 2>&1
	"$PJ" --run "Evaluate" "input=[$WORK/videos] output=[$WORK/eval-physnet] method=PhysNet model=[$MODEL] plots=false" >/dev/null 2>&1
	"$PJ" --run "Evaluate" "input=[$WORK/videos] output=[$WORK/eval-physnet-alone] method=PhysNet model=[$MODEL] plots=false pos_weight=0" >/dev/null 2>&1
	for m in pos physnet physnet-alone; do echo "per frame ($m):"; cat "$WORK/eval-$m/metrics.csv"
		echo "per video ($m): video,mae_bpm"; awk -F, 'NR > 1 {print "  " $1 "," $5}' "$WORK/eval-$m/evaluation.csv"; done
fi
echo "training wall time ${train_s} s; load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
