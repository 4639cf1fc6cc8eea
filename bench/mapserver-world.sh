#!/bin/sh
# Write the MapServer mapfile of the render benchmark's map: the same
# Shapefile (geodata/countries-10m), the same choropleth of the same
# project counts (5 classes, from coopmap's per-country export), the CICD
# layer hatched, Equal Earth, 4000x2000, AGG/PNG.  Neither side draws
# points or links: coopmap's printed map has none yet (issue 8).
# Usage: bench/mapserver-world.sh COUNTS.csv OUT.map
set -eu
counts=$1
map=$2
root=$(pwd)
# The projected world's half width and height (PROJ, through GDAL).
set -- $(printf '180 0\n0 90\n' | gdaltransform -s_srs "+proj=longlat +datum=WGS84" \
	-t_srs "+proj=eqearth +datum=WGS84" | awk '{ printf "%s ", ($1 > 0 ? $1 : $2) }')
half_w=$1 half_h=$2
# Five classes of equal count over the countries with projects.
classes=$(tail -n +2 "$counts" | sort -t, -k4,4n | awk -F, '
	{ iso[NR] = $1 } END {
		for (k = 0; k < 5; k++) {
			list = ""
			for (i = int(k * NR / 5) + 1; i <= int((k + 1) * NR / 5); i++)
				list = list (list == "" ? "" : ",") iso[i]
			if (list != "") print k, list
		}
	}')
cicd=$(tail -n +2 geodata/layers/cicd-2018.csv | cut -d, -f1 | paste -sd, -)
{
	cat <<EOM
MAP
  NAME "coopmap-bench"
  SIZE 4000 2000
  EXTENT -$half_w -$half_h $half_w $half_h
  UNITS METERS
  IMAGECOLOR 234 242 248
  IMAGETYPE "png"
  OUTPUTFORMAT
    NAME "png"
    DRIVER AGG/PNG
    IMAGEMODE RGB
    EXTENSION "png"
    MIMETYPE "image/png"
  END
  PROJECTION "+proj=eqearth +datum=WGS84 +units=m" END
  SYMBOL NAME "hatch" TYPE HATCH END
  LAYER
    NAME "countries"
    TYPE POLYGON
    STATUS DEFAULT
    DATA "$root/geodata/countries-10m"
    PROJECTION "+proj=longlat +datum=WGS84" END
EOM
	echo "$classes" | while read -r k list; do
		colour=$(echo "254 229 217|252 174 145|251 106 74|222 45 38|165 15 21" |
			cut -d'|' -f$((k + 1)))
		cat <<EOM
    CLASS
      EXPRESSION ("[iso_a3]" IN "$list")
      STYLE COLOR $colour OUTLINECOLOR 255 255 255 WIDTH 0.6 END
    END
EOM
	done
	cat <<EOM
    CLASS
      STYLE COLOR 224 224 224 OUTLINECOLOR 255 255 255 WIDTH 0.6 END
    END
  END
  LAYER
    NAME "cicd-2018"
    TYPE POLYGON
    STATUS DEFAULT
    DATA "$root/geodata/countries-10m"
    PROJECTION "+proj=longlat +datum=WGS84" END
    CLASS
      EXPRESSION ("[iso_a3]" IN "$cicd")
      STYLE SYMBOL "hatch" COLOR 31 59 115 SIZE 8 ANGLE 45 WIDTH 1 END
      STYLE OUTLINECOLOR 31 59 115 WIDTH 1.6 END
    END
  END
END
EOM
} > "$map"
