#!/bin/sh
# The choropleth classes every peer of the render benchmark draws: five
# classes of equal count over the countries with projects, from coopmap's
# per-country export (iso_a3,...,projects in column 4).  Prints one line
# per class: "K R,G,B ISO,ISO,..." with K from 0 (fewest projects) to 4
# and the class's fill colour (the same sequential reds on every side).
# Usage: bench/classes.sh COUNTS.csv
set -eu
tail -n +2 "$1" | sort -t, -k4,4n -k1,1 | awk -F, '
	BEGIN { split("254,229,217 252,174,145 251,106,74 222,45,38 165,15,21", colour, " ")
		for (k = 0; k < 5; k++) colour[k] = colour[k + 1] }
	{ iso[NR] = $1 } END {
		for (k = 0; k < 5; k++) {
			list = ""
			for (i = int(k * NR / 5) + 1; i <= int((k + 1) * NR / 5); i++)
				list = list (list == "" ? "" : ",") iso[i]
			if (list != "") print k, colour[k], list
		}
	}'
