#!/usr/bin/env bash
# Opens PulseJ's windows in a real ImageJ display under Xvfb and saves them as docs/images/*.png:
# the generated video with Track Face's boxes, Estimate Heart Rate's tables and plots, Evaluate's
# tables and Bland-Altman plot, and the training loss of Train Confidence Model and Train PhysNet.
# While a video is measured it checks that the display stays responsive (the work runs off the
# Event Dispatch Thread) and that ImageJ's status bar shows the progress.
#
#   bash docs/screenshots.sh [WORK_DIR]        (about 3 minutes on 2 cores, build included)
#
# Exit status 0 when every window was saved and both checks passed; 1 otherwise, with the reason.
# Needs Xvfb (installed with apt-get when missing and run as root) and what bin/pulsej needs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if ! command -v xvfb-run >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "screenshots: installing Xvfb ..." >&2
		apt-get install -y -qq xvfb xauth >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq xvfb xauth >/dev/null; }
	else
		echo "screenshots: xvfb-run is missing; install it (Debian/Ubuntu: sudo apt-get install xvfb)." >&2
		exit 2
	fi
fi

# Build as bin/pulsej does (only when the sources changed); this also writes target/pulsej.classpath.
bin/pulsej --list >/dev/null

WORK="${1:-$(mktemp -d)}"
mkdir -p "$WORK" docs/images
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JEMALLOC=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
if [ -z "${LD_PRELOAD:-}" ] && [ -f "$JEMALLOC" ]; then export LD_PRELOAD="$JEMALLOC"; fi

# java.util.prefs.userRoot: what the commands remember stays in WORK, not in the user's preferences.
xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
	"$JAVA" -Xmx3g -Dai.djl.offline=true -Dai.djl.onnx.disable_alternative=true \
	-Dawt.useSystemAAFontSettings=on -Dswing.aatext=true -Djava.util.prefs.userRoot="$WORK/prefs" \
	-cp "target/classes:$(cat target/pulsej.classpath)" docs/screenshots/Screenshots.java docs/images "$WORK"
