# mapnik-world.py: Mapnik's side of the render benchmark: the same map as
# coopmap's and MapServer's (bench/mapserver-world.sh): the Shapefile
# geodata/countries-10m, the same choropleth classes and colours
# (bench/classes.sh), the CICD layer hatched, one point per project at its
# partner hospital and the establishment-partner links
# (bench/peer-data.sh), Equal Earth, 4000x2000, 32-bit PNG.
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


def style_xml(data):
    classes = []
    with open(os.path.join(data, "classes.txt")) as f:
        for line in f:
            _, colour, isos = line.split()
            classes.append((colour, isos.split(",")))
    with open(os.path.join(data, "cicd.txt")) as f:
        cicd = f.read().strip().split(",")
    rules = "".join(
        '<Rule><Filter>%s</Filter><PolygonSymbolizer fill="rgb(%s)"/>'
        '<LineSymbolizer stroke="white" stroke-width="0.6"/></Rule>'
        % (any_of(isos), colour) for colour, isos in classes)
    rules += ('<Rule><ElseFilter/><PolygonSymbolizer fill="rgb(224,224,224)"/>'
              '<LineSymbolizer stroke="white" stroke-width="0.6"/></Rule>')
    return """<Map srs="{ee}" background-color="rgb(234,242,248)">
<Style name="choropleth">{rules}</Style>
<Style name="cicd"><Rule><Filter>{cicd}</Filter>
  <PolygonPatternSymbolizer file="{data}/hatch.svg"/>
  <LineSymbolizer stroke="rgb(31,59,115)" stroke-width="1.6"/></Rule></Style>
<Style name="links"><Rule>
  <LineSymbolizer stroke="rgb(214,96,24)" stroke-width="[width]"/></Rule></Style>
<Style name="projects"><Rule>
  <MarkersSymbolizer marker-type="ellipse" width="7" height="7"
    fill="rgb(31,59,115)" stroke="white" stroke-width="0.8"
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
<Layer name="projects" srs="{ll}"><StyleName>projects</StyleName>
  <Datasource><Parameter name="type">geojson</Parameter>
  <Parameter name="file">{data}/projects.geojson</Parameter></Datasource></Layer>
</Map>""".format(ee=EQUAL_EARTH, ll=LONLAT, rules=rules, cicd=any_of(cicd),
                 data=data, shp=os.path.abspath("geodata/countries-10m.shp"))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: mapnik-world.py DATA_DIR OUT.png")
    data = os.path.abspath(sys.argv[1])
    with open(os.path.join(data, "hatch.svg"), "w") as f:
        # An 8-pixel tile with a 45-degree line: MapServer's hatch (SIZE 8,
        # ANGLE 45, WIDTH 1) in the CICD colour.
        f.write('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
                '<path d="M-1,9 L9,-1 M-1,1 L1,-1 M7,9 L9,7" '
                'stroke="rgb(31,59,115)" stroke-width="1"/></svg>')
    m = mapnik.Map(WIDTH, HEIGHT)
    mapnik.load_map_from_string(m, style_xml(data))
    # The world's extent in Equal Earth: its half width at the equator
    # and half height at the pole.
    # (Projection.forward wants radians; ProjTransform takes degrees.)
    to_map = mapnik.ProjTransform(mapnik.Projection(LONLAT),
                                  mapnik.Projection(EQUAL_EARTH))
    half_w = to_map.forward(mapnik.Coord(180, 0)).x
    half_h = to_map.forward(mapnik.Coord(0, 90)).y
    m.zoom_to_box(mapnik.Box2d(-half_w, -half_h, half_w, half_h))
    mapnik.render_to_file(m, sys.argv[2], "png32")


if __name__ == "__main__":
    main()
