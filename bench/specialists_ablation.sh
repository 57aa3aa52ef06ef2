#!/usr/bin/env bash
# The ablation of issue 7 for PhysNet (paper Table 2): median HR -> instantaneous -> specialists ->
# confidence, on a synthetic set (half dark, some sudden head motion), produced by one Evaluate run.
# Trains a generalist and 2 lighting specialists at 64x64 width 16 on the CPU (the paper's setup
# shrunk): about 20 minutes on 2 idle cores with the defaults. Rerunning reuses trained models.
#   bench/specialists_ablation.sh [WORK_DIR] [--videos 8] [--seconds 20] [--epochs 10] [--samples 8]
#     [--general-epochs N] [--labelled N] [--confidence-on pos|physnet|physnet+pos] [--confidence-epochs 20]
#     [--colors yuv|chroma|chroma_luma] [--loss contrastive|sinc|spatial]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="${1:-target/specialists-ablation}"; shift || true
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
JEMALLOC="$(ls /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 2>/dev/null || true)"
exec env ${JEMALLOC:+LD_PRELOAD=$JEMALLOC} "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx3g -Djava.awt.headless=true -Dai.djl.offline=true \
	-cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.pulsej.bench.SpecialistsAblationBench "$WORK" "$@"
