#!/usr/bin/env bash
# Trains PulseJ's bundled PhysNet model (models/physnet-default) on PulseJ's own synthetic face
# videos, without labels, then measures it on the same videos (the paper's train-on-target setting)
# and prints the error against the known heart rates. Takes about 15 minutes on 2 idle CPU cores (a CPU-sized network: 64x64 input, width 16).
#   models/train-default.sh [WORK_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${1:-$(mktemp -d)}"
PJ="$ROOT/bin/pulsej"
mkdir -p "$WORK/videos"

# 8 videos: heart rates across the band, head motion, light drift/steps, half in a dark room, MJPEG.
rates=(58 66 72 81 88 95 104 116)
for i in "${!rates[@]}"; do
	n=$((i + 1)); hr=${rates[$i]}
	bright=1; [ $((n % 2)) -eq 0 ] && bright=0.35
	[ -f "$WORK/videos/train$n.avi" ] || "$PJ" --run "Generate Synthetic Video" \
		"output=[$WORK/videos] name=train$n hr=$hr seconds=30 seed=$((100 + n)) motion=6 rotation=3 sudden=$((n % 3)) drift=0.1 light_step=$([ $((n % 4)) -eq 1 ] && echo 0.05 || echo 0) brightness=$bright noise=2 jpeg=90"
done

# the bundled model's colours, training region, loss and videos (YUV, the stabilised box, the paper's
# contrastive loss, no companion videos), not Train PhysNet's present defaults (chroma, the tracked crop,
# SiNC's loss, 8 companions): this script reproduces that model
MODEL="$WORK/physnet-default"
rm -rf "$MODEL"
"$PJ" --run "Train PhysNet" "input=[$WORK/videos] output=[$MODEL] epochs=${EPOCHS:-6} size=64x64 width=16 batch=4 samples=16 lr=0.002 seed=1 colors=yuv roi=face appearance=false loss=contrastive companions=0"

"$PJ" --run "Estimate Heart Rate" "input=[$WORK/videos] output=[$WORK/results] method=PhysNet model=[$MODEL] plots=false" >/dev/null
"$PJ" --run "Estimate Heart Rate" "input=[$WORK/videos] output=[$WORK/results-pos] method=POS plots=false" >/dev/null

echo "video,true_bpm,physnet_bpm,pos_bpm"
for i in "${!rates[@]}"; do
	n=$((i + 1))
	p=$(awk -F, -v v="train$n" '$1==v {print $4}' "$WORK/results/summary.csv")
	q=$(awk -F, -v v="train$n" '$1==v {print $4}' "$WORK/results-pos/summary.csv")
	echo "train$n,${rates[$i]},$p,$q"
done | tee "$WORK/evaluation.csv"
awk -F, '{e=$3-$2; if(e<0)e=-e; s+=e; f=$4-$2; if(f<0)f=-f; t+=f; n++} END {printf "MAE PhysNet %.2f bpm, POS %.2f bpm over %d videos\n", s/n, t/n, n}' "$WORK/evaluation.csv"

# Install: only what PulseJ loads (model.json, weights) plus the training log and curve for the card.
mkdir -p "$ROOT/models/physnet-default"
cp "$MODEL/model.json" "$MODEL/physnet.params" "$MODEL/training-log.csv" "$MODEL/training-loss.png" "$ROOT/models/physnet-default/"
cp "$WORK/evaluation.csv" "$ROOT/models/physnet-default/evaluation.csv"
echo "Installed into models/physnet-default (work files in $WORK)"
