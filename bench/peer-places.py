# peer-places.py: the places and links the peers of the render benchmark
# draw, as coopmap's render draws them on the same page: the
# establishments and partner hospitals of `coopmap export`, grouped where
# their symbols would touch (src/render_network.c: biggest first, within 7
# thousandths of the page's shorter side, then merged while circles
# overlap), each group a circle on its biggest member with coopmap's radius;
# the links (great-circle arcs cut at the antimeridian, from the export)
# in coopmap's order, colour (the programme with most projects) and width
# class.  Sizes and colours come from styles/default.style.  The page's
# world frame is read from coopmap's SVG of the same map (its first ocean
# path), so that the peers draw the world at the same scale and place.
#
# Not for: anything coopmap runs; the peers' own time (this runs once,
# before the timing).
#
# usage: python3 bench/peer-places.py EXPORT.geojson MAP.svg WIDTH HEIGHT DIR
#   writes DIR/places.geojson, DIR/links.geojson, DIR/extent.txt (the
#   peers' map extent in Equal Earth metres: minx miny maxx maxy) and
#   DIR/style.txt (the pixel sizes and colours the peers use, key value),
#   DIR/hatch.svg (the tile of the peers' pattern fill of the CICD layer)
import json
import math
import os
import re
import subprocess
import sys

LONLAT = "+proj=longlat +datum=WGS84"
EQUAL_EARTH = "+proj=eqearth +datum=WGS84"
GROUP_DISTANCE = 7.0  # src/render_network.c
PROGRAMMES = ("apchi", "prph", "other")


def read_style(path):
    style = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("#") or "=" not in line:
                continue
            key, value = line.split("=", 1)
            style[key.strip()] = value.strip()
    return style


def rgba(text):
    """'#rrggbb' or '#rrggbbaa' as (r, g, b, a), a from 0 to 1."""
    h = text.lstrip("#")
    a = int(h[6:8], 16) / 255 if len(h) == 8 else 1.0
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4)) + (round(a, 3),)


def project(points):
    """(lon, lat) pairs to Equal Earth metres, through PROJ (gdaltransform)."""
    text = "".join("%.9f %.9f\n" % p for p in points)
    out = subprocess.run(["gdaltransform", "-s_srs", LONLAT, "-t_srs",
                          EQUAL_EARTH], input=text, capture_output=True,
                         text=True, check=True).stdout
    return [tuple(float(v) for v in line.split()[:2])
            for line in out.splitlines()]


def world_frame(svg, ocean):
    """The device box of the first path filled with the ocean colour."""
    pct = ",".join("%g%%" % round(c / 255 * 100, 4) for c in ocean[:3])
    with open(svg) as f:
        for line in f:
            m = re.search(r'fill:rgb\(([^)]*)\)[^"]*" d="([^"]*)"', line)
            if m is None:
                continue
            got = ",".join("%g%%" % round(float(v.rstrip("%")), 4)
                           for v in m.group(1).split(","))
            if got != pct:
                continue
            nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", m.group(2))]
            xs, ys = nums[0::2], nums[1::2]
            return min(xs), min(ys), max(xs), max(ys)
    sys.exit("peer-places: no ocean path in %s" % svg)


def group(places, reach, rmin, rmax, unit):
    """src/render_network.c's render_network_group, on page positions."""
    order = sorted(range(len(places)), key=lambda i: (-places[i]["value"], i))
    groups = []

    def set_radii(first):
        vmax = max([g["value"] for g in groups] + [0])
        for g in groups[first:]:
            share = g["value"] / vmax if vmax > 0 else 0
            g["r"] = max(rmin, rmax * math.sqrt(share)) * unit

    for kind in ("partners", "establishments"):
        first = len(groups)
        for i in order:
            p = places[i]
            if p["kind"] != kind:
                continue
            for g in groups[first:]:
                if math.hypot(g["x"] - p["x"], g["y"] - p["y"]) < reach:
                    break
            else:
                g = {"x": p["x"], "y": p["y"], "lon": p["lon"], "lat": p["lat"],
                     "kind": kind, "members": 0, "value": 0}
                groups.append(g)
            g["members"] += 1
            g["value"] += p["value"]
        merged = True
        while merged:
            merged = False
            set_radii(first)
            for a in range(first, len(groups)):
                for b in range(a + 1, len(groups)):
                    p, q = groups[a], groups[b]
                    if math.hypot(p["x"] - q["x"], p["y"] - q["y"]) >= \
                            0.85 * (p["r"] + q["r"]):
                        continue
                    p["members"] += q["members"]
                    p["value"] += q["value"]
                    del groups[b]
                    merged = True
                    break
                if merged:
                    break
    set_radii(0)
    return groups


def hatch_tile(style, unit):
    """A tile of coopmap's spacing s holding its line x - y = 0 (down to the
    right, as coopmap's) and the ends of x - y = +-s, filled as bands of
    the line's width that stay inside the tile (Mapnik sizes the tile by
    what it draws: a stroke past the edges would widen it)."""
    s = float(style["priority_hatch_spacing"]) * unit
    # A line of width w: the points with |x - y| / sqrt(2) <= w / 2.
    a = float(style["priority_hatch_width"]) * unit / 2 ** 0.5
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="{s}" height="{s}">'
            '<path d="M0,0 L{a},0 L{s},{t} L{s},{s} L{t},{s} L0,{a} Z '
            'M{t},0 L{s},0 L{s},{a} Z M0,{t} L0,{s} L{a},{s} Z" '
            'fill="rgb({c})"/></svg>').format(
                s=s, a=round(a, 3), t=round(s - a, 3),
                c="%d,%d,%d" % rgba(style["priority_hatch"])[:3])


def feature(geometry, **properties):
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def write(path, features):
    with open(path, "w") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f)


def programme_of(text):
    """src/network.c's coopmap_programme_of, on the folded text."""
    key = text.lower()
    if "prph" in key:
        return 1
    if "apchi" in key or "dgos" in key:
        return 0
    return 2


def main():
    if len(sys.argv) != 6:
        sys.exit("usage: peer-places.py EXPORT.geojson MAP.svg WIDTH HEIGHT DIR")
    export, svg, width, height, out = sys.argv[1], sys.argv[2], \
        int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    style = read_style(os.path.join(os.path.dirname(__file__), "..", "styles",
                                    "default.style"))
    unit = min(width, height) / 1000.0
    with open(export) as f:
        features = json.load(f)["features"]

    # The world's half width and height, and the page's frame of it.
    (half_w, _), (_, half_h) = project([(180, 0), (0, 90)])
    x0, y0, x1, y1 = world_frame(svg, rgba(style["ocean"]))
    sx, sy = (x1 - x0) / (2 * half_w), (y1 - y0) / (2 * half_h)

    places = [dict(kind=f["properties"]["layer"], value=f["properties"]["projects"],
                   lon=f["geometry"]["coordinates"][0],
                   lat=f["geometry"]["coordinates"][1])
              for f in features if f["properties"]["layer"] in
              ("establishments", "partners") and f["properties"]["projects"] > 0]
    for p, (x, y) in zip(places, project([(p["lon"], p["lat"]) for p in places])):
        p["x"], p["y"] = x0 + (x + half_w) * sx, y0 + (half_h - y) * sy
    groups = group(places, GROUP_DISTANCE * unit, float(style["point_min_size"]),
                   float(style["point_max_size"]), unit)
    # Establishments first, partners on top (render_network_draw_points).
    groups.sort(key=lambda g: g["kind"] == "partners")
    write(os.path.join(out, "places.geojson"), [
        feature({"type": "Point", "coordinates": [g["lon"], g["lat"]]},
                kind=g["kind"], members=g["members"],
                size=round(2 * g["r"], 3),
                colour="rgb(%d,%d,%d)" % rgba(style["establishment" if
                                               g["kind"] == "establishments"
                                               else "partner"])[:3])
        for g in groups])

    # Each link's programme: the one with most projects, APCHI first on
    # ties (src/network.c); drawn thin and "other" first.
    counts = {}
    for f in features:
        p = f["properties"]
        if p["layer"] == "projects":
            key = (p["establishment"], p["partner"])
            counts.setdefault(key, [0, 0, 0])[programme_of(p["programme"] or "")] += 1
    links = []
    for i, f in enumerate(features):
        p = f["properties"]
        if p["layer"] != "links":
            continue
        by = counts.get((p["establishment"], p["partner"]), [0, 0, 0])
        prog = 0
        for k in (1, 2):
            if by[k] > by[prog]:
                prog = k
        w = 2 if p["projects"] >= 4 else 1 if p["projects"] >= 2 else 0
        links.append(((w, (2, 1, 0).index(prog), i), f["geometry"], prog, w))
    links.sort(key=lambda link: link[0])
    write(os.path.join(out, "links.geojson"), [
        feature(geometry, programme=PROGRAMMES[prog],
                width=round(float(style["link_width"]) * unit * (1 + 1.2 * w), 3),
                colour="rgb(%d,%d,%d)" % rgba(style["link_" + PROGRAMMES[prog]])[:3],
                opacity=rgba(style["link_" + PROGRAMMES[prog]])[3])
        for _, geometry, prog, w in links])

    # The peers' extent: the whole page, the world where coopmap puts it.
    s = (sx + sy) / 2
    with open(os.path.join(out, "extent.txt"), "w") as f:
        f.write("%.3f %.3f %.3f %.3f\n" % (-half_w - x0 / s, half_h + y0 / s - height / s,
                                           -half_w - x0 / s + width / s, half_h + y0 / s))
    sizes = {
        "ocean": "%d,%d,%d" % rgba(style["ocean"])[:3],
        "land": "%d,%d,%d" % rgba(style["land"])[:3],
        "border": "%d,%d,%d" % rgba(style["border"])[:3],
        "border_width": float(style["border_width"]) * unit,
        "hatch": "%d,%d,%d" % rgba(style["priority_hatch"])[:3],
        # coopmap's hatch: lines x - y = c, c every spacing units along
        # the axes (src/render_map.c), so spacing / sqrt(2) apart.
        "hatch_spacing": float(style["priority_hatch_spacing"]) * unit,
        "hatch_gap": float(style["priority_hatch_spacing"]) * unit / math.sqrt(2),
        "hatch_width": float(style["priority_hatch_width"]) * unit,
        "hatch_outline": "%d,%d,%d" % rgba(style["priority_outline"])[:3],
        "hatch_outline_width": float(style["priority_outline_width"]) * unit,
        "point_edge": "%d,%d,%d" % rgba(style["point_edge"])[:3],
        "point_edge_width": 0.7 * unit,
        "world_px": "%.0fx%.0f" % (x1 - x0, y1 - y0),
        "groups": len(groups),
        "places": len(places),
        "links": len(links),
    }
    with open(os.path.join(out, "hatch.svg"), "w") as f:
        f.write(hatch_tile(style, unit))
    with open(os.path.join(out, "style.txt"), "w") as f:
        for k, v in sizes.items():
            f.write("%s %s\n" % (k, round(v, 3) if isinstance(v, float) else v))


if __name__ == "__main__":
    main()
