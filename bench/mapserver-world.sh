#!/bin/sh
# Write the MapServer mapfile of the render benchmark's map: the same
# Shapefile (geodata/countries-10m), the same choropleth classes and
# colours (bench/classes.sh), the CICD layer hatched, one point per
# project at its partner hospital and the establishment-partner links
# (bench/peer-data.sh), Equal Earth, 4000x2000, AGG/PNG.
# Usage: bench/mapserver-world.sh DATA_DIR OUT.map
#   (DATA_DIR as written by bench/peer-data.sh)
set -eu
dir=$(cd "$1" && pwd)
map=$2
root=$(pwd)
# The projected world's half width and height (PROJ, through GDAL).
set -- $(printf '180 0\n0 90\n' | gdaltransform -s_srs "+proj=longlat +datum=WGS84" \
	-t_srs "+proj=eqearth +datum=WGS84" | awk '{ printf "%s ", ($1 > 0 ? $1 : $2) }')
half_w=$1 half_h=$2
cicd=$(cat "$dir/cicd.txt")
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
      STYLE COLOR $(echo "$colour" | tr , ' ') OUTLINECOLOR 255 255 255 WIDTH 0.6 END
    END
EOM
	done < "$dir/classes.txt"
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
  LAYER
    NAME "links"
    TYPE LINE
    STATUS DEFAULT
    CONNECTIONTYPE OGR
    CONNECTION "$dir/links.geojson"
    PROJECTION "+proj=longlat +datum=WGS84" END
    CLASS
      STYLE COLOR 214 96 24 WIDTH [width] END
    END
  END
  LAYER
    NAME "projects"
    TYPE POINT
    STATUS DEFAULT
    CONNECTIONTYPE OGR
    CONNECTION "$dir/projects.geojson"
    PROJECTION "+proj=longlat +datum=WGS84" END
    CLASS
      STYLE SYMBOL "circle" SIZE 7 COLOR 31 59 115 OUTLINECOLOR 255 255 255 WIDTH 0.8 END
    END
  END
END
EOM
} > "$map"
