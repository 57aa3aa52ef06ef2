#!/usr/bin/env bash
# The heap bound at full size: a 10-minute 1080p video (18000 frames, 149 GB decoded) measured by
# the whole pipeline with -Xmx2g, reporting the live heap after every garbage collection.
#
#   bench/long_video.sh                      frames made on demand (a virtual stack), no disk
#   bench/long_video.sh --avi /tmp/long.avi  written once as motion-JPEG (~0.7 GB), then read back
#                                            through PulseJ's reader (ImageJ's virtual AVI stack)
#   HEAP=1g bench/long_video.sh --seconds 60 ...   other heap, length, --width, --height, --fps
#
# Takes minutes (about 10 ms per 1080p frame to make and measure, plus ~25 ms to encode and
# ~20 ms to decode each JPEG frame on one core).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx"${HEAP:-2g}" -Djava.awt.headless=true \
	-cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.pulsej.bench.LongVideoBench "$@"
