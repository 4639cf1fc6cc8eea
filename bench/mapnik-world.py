# mapnik-world.py: Mapnik's side of the render benchmark, the same work as
# coopmap's render and MapServer's (bench/mapserver-world.sh): the
# Shapefile geodata/countries-10m in coopmap's classes and colours, borders
# as wide; the CICD layer hatched with Mapnik's pattern fill (the tile of
# bench/peer-places.py: coopmap's spacing, one line at -45 degrees, as wide
# and of the same colour; a repeated image where coopmap strokes lines)
# and its outline; the links in coopmap's order, colours, opacity and widths; the
# places grouped and sized as coopmap draws them (bench/peer-data.sh);
# Equal Earth, 4000x2000, the world where coopmap's page puts it, 32-bit
# PNG.
#
# Run with Debian's /usr/bin/python3 (python3-mapnik):
#   /usr/bin/python3 bench/mapnik-world.py DATA_DIR OUT.png
import os
import sys

import mapnik

WIDTH, HEIGHT = 4000, 2000
EQUAL_EARTH = "+proj=eqearth +datum=WGS84 +units=m +no_defs"
LONLAT = "+proj=longlat +datum=WGS84 +no_defs"


def any_of(isos):
    """A Mapnik filter true for the countries of isos."""
    return " or ".join("[iso_a3] = '%s'" % iso for iso in isos)


def read_style(data):
    """bench/peer-places.py's style.txt: key value."""
    with open(os.path.join(data, "style.txt")) as f:
        return dict(line.split() for line in f if line.strip())


def style_xml(data, st):
    classes = []
    with open(os.path.join(data, "classes.txt")) as f:
        for line in f:
            _, colour, isos = line.split()
            classes.append((colour, isos.split(",")))
    with open(os.path.join(data, "cicd.txt")) as f:
        cicd = f.read().strip().split(",")
    border = ('<LineSymbolizer stroke="rgb(%s)" stroke-width="%s"/>'
              % (st["border"], st["border_width"]))
    rules = "".join(
        '<Rule><Filter>%s</Filter><PolygonSymbolizer fill="rgb(%s)"/>%s</Rule>'
        % (any_of(isos), colour, border) for colour, isos in classes)
    rules += ('<Rule><ElseFilter/><PolygonSymbolizer fill="rgb(%s)"/>%s</Rule>'
              % (st["land"], border))
    links = "".join(
        '<Rule><Filter>[programme] = \'{p}\'</Filter><LineSymbolizer '
        'stroke="[colour]" stroke-opacity="[opacity]" stroke-width="[width]" '
        'stroke-linecap="round" stroke-linejoin="round"/></Rule>'.format(p=p)
        for p in ("apchi", "prph", "other"))
    return """<Map srs="{ee}" background-color="rgb({ocean})">
<Style name="choropleth">{rules}</Style>
<Style name="cicd"><Rule><Filter>{cicd}</Filter>
  <PolygonPatternSymbolizer file="{data}/hatch.svg" alignment="global"/>
  <LineSymbolizer stroke="rgb({outline})" stroke-width="{outline_w}"/></Rule></Style>
<Style name="links">{links}</Style>
<Style name="places"><Rule>
  <MarkersSymbolizer marker-type="ellipse" width="[size]" height="[size]"
    fill="[colour]" stroke="rgb({edge})" stroke-width="{edge_w}"
    allow-overlap="true" ignore-placement="true"/></Rule></Style>
<Layer name="countries" srs="{ll}"><StyleName>choropleth</StyleName>
  <Datasource><Parameter name="type">shape</Parameter>
  <Parameter name="file">{shp}</Parameter></Datasource></Layer>
<Layer name="cicd-2018" srs="{ll}"><StyleName>cicd</StyleName>
  <Datasource><Parameter name="type">shape</Parameter>
  <Parameter name="file">{shp}</Parameter></Datasource></Layer>
<Layer name="links" srs="{ll}"><StyleName>links</StyleName>
  <Datasource><Parameter name="type">geojson</Parameter>
  <Parameter name="file">{data}/links.geojson</Parameter></Datasource></Layer>
<Layer name="places" srs="{ll}"><StyleName>places</StyleName>
  <Datasource><Parameter name="type">geojson</Parameter>
  <Parameter name="file">{data}/places.geojson</Parameter></Datasource></Layer>
</Map>""".format(ee=EQUAL_EARTH, ll=LONLAT, rules=rules, cicd=any_of(cicd),
                 ocean=st["ocean"], outline=st["hatch_outline"],
                 outline_w=st["hatch_outline_width"], links=links,
                 edge=st["point_edge"], edge_w=st["point_edge_width"],
                 data=data, shp=os.path.abspath("geodata/countries-10m.shp"))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: mapnik-world.py DATA_DIR OUT.png")
    data = os.path.abspath(sys.argv[1])
    st = read_style(data)
    m = mapnik.Map(WIDTH, HEIGHT)
    mapnik.load_map_from_string(m, style_xml(data, st))
    with open(os.path.join(data, "extent.txt")) as f:
        minx, miny, maxx, maxy = (float(v) for v in f.read().split())
    m.zoom_to_box(mapnik.Box2d(minx, miny, maxx, maxy))
    mapnik.render_to_file(m, sys.argv[2], "png32")


if __name__ == "__main__":
    main()
