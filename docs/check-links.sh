#!/usr/bin/env bash
# Checks that every relative link and image in the Markdown files of the repository leads to a file
# that exists and, for links with a #fragment, to a heading of that file (GitHub's anchor rules:
# lower case, spaces to '-', punctuation other than '-' and '_' dropped).
#   bash docs/check-links.sh        exit status 1 and a list when a link is broken
set -euo pipefail
cd "$(dirname "$0")/.."

anchors() { # the anchors GitHub makes for the headings of a Markdown file
	grep -E '^#{1,6} ' "$1" | sed -E 's/^#+ +//' | tr '[:upper:]' '[:lower:]' |
		sed -E 's/`//g; s/[^a-z0-9 _-]//g; s/ /-/g'
}

bad=0
while IFS= read -r md; do
	dir=$(dirname "$md")
	# [text](target) and ![alt](target), one per line of output; skip web links and pure anchors
	while IFS= read -r target; do
		case "$target" in http://* | https://* | mailto:*) continue ;; esac
		path=${target%%#*}
		frag=""
		[[ "$target" == *"#"* ]] && frag=${target#*#}
		file="$md"
		if [ -n "$path" ]; then
			file="$dir/$path"
			if [ ! -e "$file" ]; then
				echo "$md: broken link $target"
				bad=1
				continue
			fi
		fi
		if [ -n "$frag" ] && [ -f "$file" ] && [[ "$file" == *.md ]]; then
			if ! anchors "$file" | grep -qxF -- "$frag"; then
				echo "$md: no heading for #$frag in $file"
				bad=1
			fi
		fi
	done < <(grep -oE '\]\([^) ]+\)' "$md" | sed -E 's/^\]\(//; s/\)$//')
done < <(git ls-files --cached --others --exclude-standard '*.md')

if [ "$bad" -ne 0 ]; then exit 1; fi
echo "docs/check-links.sh: every relative link resolves"
