#!/bin/sh
# Write the MapServer mapfile of the render benchmark's map, the same work
# as coopmap's render (bench/peer-data.sh): the same Shapefile
# (geodata/countries-10m) in coopmap's classes and colours, borders as
# wide; the CICD layer hatched as coopmap hatches it, lines at -45 degrees
# as far apart, as wide and of the same colour, and its outline: with
# HATCH "tile" (the default), the SVG tile of bench/peer-places.py repeated
# (as Mapnik does; MapServer's fastest way), with "hatch", MapServer's HATCH
# symbol (lines clipped to each country, as coopmap draws them); the links in coopmap's order,
# colours, opacity and widths; the places grouped and sized as coopmap
# draws them; Equal Earth, 4000x2000, the world where coopmap's page puts
# it, AGG/PNG.
# Usage: bench/mapserver-world.sh DATA_DIR OUT.map [tile|hatch]
#   (DATA_DIR as written by bench/peer-data.sh)
set -eu
dir=$(cd "$1" && pwd)
map=$2 hatch=${3:-tile}
root=$(pwd)
val() { awk -v k="$1" '$1 == k { print $2 }' "$dir/style.txt"; }
rgb() { val "$1" | tr , ' '; }
cicd=$(cat "$dir/cicd.txt")
{
	cat <<EOM
MAP
  NAME "coopmap-bench"
  SIZE 4000 2000
  EXTENT $(cat "$dir/extent.txt")
  UNITS METERS
  IMAGECOLOR $(rgb ocean)
  IMAGETYPE "png"
  OUTPUTFORMAT
    NAME "png"
    DRIVER AGG/PNG
    IMAGEMODE RGB
    EXTENSION "png"
    MIMETYPE "image/png"
  END
  PROJECTION "+proj=eqearth +datum=WGS84 +units=m" END
EOM
	if [ "$hatch" = hatch ]; then
		echo '  SYMBOL NAME "hatch" TYPE HATCH END'
		pattern="SIZE $(val hatch_gap) ANGLE -45 WIDTH $(val hatch_width) COLOR $(rgb hatch)"
	else
		echo "  SYMBOL NAME \"hatch\" TYPE SVG IMAGE \"$dir/hatch.svg\" END"
		pattern="SIZE $(val hatch_spacing)"
	fi
	cat <<EOM
  SYMBOL NAME "circle" TYPE ELLIPSE FILLED TRUE POINTS 1 1 END END
  LAYER
    NAME "countries"
    TYPE POLYGON
    STATUS DEFAULT
    DATA "$root/geodata/countries-10m"
    PROJECTION "+proj=longlat +datum=WGS84" END
EOM
	while read -r k colour list; do
		cat <<EOM
    CLASS
      EXPRESSION ("[iso_a3]" IN "$list")
      STYLE COLOR $(echo "$colour" | tr , ' ') OUTLINECOLOR $(rgb border) WIDTH $(val border_width) END
    END
EOM
	done < "$dir/classes.txt"
	cat <<EOM
    CLASS
      STYLE COLOR $(rgb land) OUTLINECOLOR $(rgb border) WIDTH $(val border_width) END
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
      STYLE SYMBOL "hatch" $pattern END
      STYLE OUTLINECOLOR $(rgb hatch_outline) WIDTH $(val hatch_outline_width) END
    END
  END
  LAYER
    NAME "links"
    TYPE LINE
    STATUS DEFAULT
    CONNECTIONTYPE OGR
    CONNECTION "$dir/links.geojson"
    PROJECTION "+proj=longlat +datum=WGS84" END
EOM
	for prog in apchi prph other; do
		colour=$(grep -o "\"programme\": \"$prog\"[^}]*\"colour\": \"rgb([0-9,]*)\"" \
			"$dir/links.geojson" | head -n 1 | sed 's/.*"colour": "rgb(\([0-9,]*\))"/\1/')
		[ -n "$colour" ] || continue
		opacity=$(grep -o "\"programme\": \"$prog\"[^}]*\"opacity\": [0-9.]*" \
			"$dir/links.geojson" | head -n 1 | awk '{ printf "%.0f", 100 * $NF }')
		cat <<EOM
    CLASS
      EXPRESSION ("[programme]" = "$prog")
      STYLE COLOR $(echo "$colour" | tr , ' ') OPACITY $opacity WIDTH [width] LINECAP ROUND LINEJOIN ROUND END
    END
EOM
	done
	cat <<EOM
  END
  LAYER
    NAME "places"
    TYPE POINT
    STATUS DEFAULT
    CONNECTIONTYPE OGR
    CONNECTION "$dir/places.geojson"
    PROJECTION "+proj=longlat +datum=WGS84" END
EOM
	for kind in establishments partners; do
		colour=$(grep -o "\"kind\": \"$kind\"[^}]*\"colour\": \"rgb([0-9,]*)\"" \
			"$dir/places.geojson" | head -n 1 | sed 's/.*"colour": "rgb(\([0-9,]*\))"/\1/')
		cat <<EOM
    CLASS
      EXPRESSION ("[kind]" = "$kind")
      STYLE SYMBOL "circle" SIZE [size] COLOR $(echo "$colour" | tr , ' ') OUTLINECOLOR $(rgb point_edge) WIDTH $(val point_edge_width) END
    END
EOM
	done
	cat <<EOM
  END
END
EOM
} > "$map"
