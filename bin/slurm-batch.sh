#!/usr/bin/env bash
# PulseJ on a SLURM cluster: a job array measures a folder of videos in N shards, then one job
# merges the shards' results.
#
#   sbatch --array=1-10 bin/slurm-batch.sh 10 /data/videos /data/results [KEY=VALUE ...]
#   sbatch --dependency=afterany:JOBID bin/slurm-batch.sh --merge /data/results
#
# Array task i (1 to N) runs Batch Estimate with shard=i/N: videos i, i+N, i+2N, ... of the
# sorted folder (counted from 1), written to /data/results/shard_i. The merge joins the shard folders into
# /data/results/merged (and fails, listing them, when shards or videos are missing). A task that
# was killed (time limit, preemption) is simply submitted again, e.g. sbatch --array=3 ... with
# the same N: videos already finished are skipped. KEY=VALUE arguments are Batch Estimate's macro
# keys, e.g. method=CHROM plots=false. The options are passed in SciJava's syntax
# (key="value",key="value"), which both Fiji's --run and bin/pulsej --run read.
#
# Submit from the PulseJ folder (SLURM runs a copy of this script elsewhere) after building once
# (bin/pulsej --list), or set PULSEJ_HOME. To use Fiji instead of bin/pulsej:
#   PULSEJ="/opt/Fiji.app/ImageJ-linux64 --headless" sbatch --array=1-10 bin/slurm-batch.sh 10 ...
# PULSEJ_JAVA_OPTS sets the heap of bin/pulsej (default here -Xmx3g; 2 GB suffice for 1080p video).
#
#SBATCH --job-name=pulsej
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --output=pulsej-%A_%a.out
set -euo pipefail

# key="value" for Fiji's --run (and bin/pulsej): backslashes and double quotes escaped
opt() {
	local v="$2"
	v="${v//\\/\\\\}"
	v="${v//\"/\\\"}"
	printf '%s="%s"' "$1" "$v"
}

usage() {
	echo "usage: sbatch --array=1-N $0 N INPUT_FOLDER OUTPUT_FOLDER [KEY=VALUE ...]" >&2
	echo "       sbatch --dependency=afterany:JOBID $0 --merge OUTPUT_FOLDER" >&2
	exit 2
}

home="${PULSEJ_HOME:-}"
if [ -z "$home" ]; then
	for d in "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" "${SLURM_SUBMIT_DIR:-}"; do
		if [ -n "$d" ] && [ -x "$d/bin/pulsej" ]; then home="$d"; break; fi
	done
fi
if [ -z "${PULSEJ:-}" ]; then
	[ -n "$home" ] || { echo "PulseJ: cannot find bin/pulsej; submit from the PulseJ folder or set PULSEJ_HOME." >&2; exit 2; }
	PULSEJ="$home/bin/pulsej"
fi
export PULSEJ_JAVA_OPTS="${PULSEJ_JAVA_OPTS:--Xmx3g}"

if [ "${1:-}" = "--merge" ]; then
	[ $# -eq 2 ] || usage
	out="${2%/}"
	exec $PULSEJ --run "Merge Results" "$(opt input "$out"),$(opt output "$out/merged")"
fi

[ $# -ge 3 ] || usage
n="$1" in="$2" out="${3%/}"
shift 3
case "$n" in '' | *[!0-9]*) echo "PulseJ: the number of shards must be a whole number, not '$n'." >&2; usage ;; esac
i="${SLURM_ARRAY_TASK_ID:-}"
if [ -z "$i" ]; then
	echo "PulseJ: SLURM_ARRAY_TASK_ID is not set; submit with sbatch --array=1-$n (or set it to run one shard by hand)." >&2
	exit 2
fi
if [ "$i" -lt 1 ] || [ "$i" -gt "$n" ]; then
	echo "PulseJ: array task $i is not a shard of $n; use sbatch --array=1-$n." >&2
	exit 2
fi
opts="$(opt input "$in"),$(opt output "$out/shard_$i"),$(opt shard "$i/$n")"
for kv in "$@"; do
	case "$kv" in
	*=*) opts="$opts,$(opt "${kv%%=*}" "${kv#*=}")" ;;
	*) echo "PulseJ: '$kv' is not KEY=VALUE." >&2; usage ;;
	esac
done
exec $PULSEJ --run "Batch Estimate" "$opts"
