#!/bin/sh
# Rebuild the format fixtures from projets.csv (UTF-8, commas), so that the
# same projects exist in every format coopmap reads.  Needs gdal-bin and
# iconv.  The outputs are committed; tests do not run this script.
set -eu
cd "$(dirname "$0")"
rm -f projets.xlsx projets.ods projets.gpkg projets.geojson
# French Excel: Windows-1252, semicolons, CRLF line ends.
ogr2ogr -f CSV /vsistdout/ projets.csv -lco SEPARATOR=SEMICOLON \
	-lco LINEFORMAT=CRLF -lco STRING_QUOTING=IF_NEEDED \
	| iconv -f UTF-8 -t WINDOWS-1252 > projets-excel.csv
# UTF-8 with a byte order mark, as some tools save it.
{ printf '\357\273\277'; cat projets.csv; } > projets-bom.csv
ogr2ogr -f XLSX projets.xlsx projets.csv -nln projets
ogr2ogr -f ODS projets.ods projets.csv -nln projets
ogr2ogr -f GPKG projets.gpkg projets.csv -nln projets
ogr2ogr -f GeoJSON projets.geojson projets.csv -nln projets
