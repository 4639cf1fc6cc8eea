#!/usr/bin/env python3
"""gen_spellings.py: a project list whose partners are N distinct spellings
of hospitals of one country (Senegal), as lists typed by many hands hold
them: types written several ways, hospitals named after people and places,
cities, typos, doubled letters, missing accents, acronyms.  For timing the
pooling of one large country (make bench).  Deterministic for a given N.

usage: gen_spellings.py N OUTPUT.csv
"""
import csv
import random
import sys

TYPES = ["CHU", "Centre hospitalier universitaire", "Hôpital", "Hôpital général",
         "CHR", "Centre hospitalier régional", "Clinique", "Centre de santé",
         "Hôpital régional", "Hôpital de district", "Centre hospitalier",
         "Hôpital principal", "Hôpital militaire", "Centre médical"]
FIRST = ["Aristide", "Abass", "Fann", "Idrissa", "Mame", "Cheikh", "Ahmadou",
         "Mariama", "Aminata", "Ousmane", "Lamine", "Fatou", "Moussa", "Awa",
         "Ibrahima", "Seydou", "Khadija", "Pape", "Modou", "Ndeye", "Bineta",
         "Serigne", "Babacar", "Coumba", "Daouda", "Souleymane", "Yacine"]
LAST = ["Le Dantec", "Ndao", "Pouye", "Diouf", "Sall", "Ba", "Fall", "Diallo",
        "Ndiaye", "Sarr", "Gueye", "Faye", "Mbaye", "Cisse", "Toure", "Kane",
        "Sy", "Wade", "Thiam", "Niang", "Seck", "Diop", "Camara", "Sow",
        "Dieng", "Badiane", "Senghor", "Lo", "Ly", "Samb", "Mbodj", "Kebe"]
CITIES = ["Dakar", "Thiès", "Saint-Louis", "Ziguinchor", "Kaolack", "Touba",
          "Mbour", "Rufisque", "Diourbel", "Louga", "Tambacounda", "Kolda",
          "Matam", "Fatick", "Kédougou", "Sédhiou", "Kaffrine", "Pikine",
          "Guédiawaye", "Richard-Toll", "Bambey", "Tivaouane", "Joal",
          "Podor", "Linguère", "Bakel", "Vélingara", "Nioro", "Mékhé"]
QUALIFIERS = ["", "", "", "", " (pédiatrie)", " (maternité)", " mère-enfant",
              " 2", " annexe", " (service de cardiologie)"]


def typo(rng, s):
    if len(s) < 5:
        return s
    i = rng.randrange(1, len(s) - 1)
    k = rng.randrange(4)
    if k == 0:
        return s[:i] + s[i + 1:]
    if k == 1:
        return s[:i] + s[i] + s[i:]
    if k == 2:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return s[:i] + rng.choice("aeioulnrst") + s[i + 1:]


def spelling(rng):
    t = rng.choice(TYPES)
    city = rng.choice(CITIES)
    k = rng.randrange(5)
    if k == 0:
        name = f"{t} {rng.choice(FIRST)} {rng.choice(LAST)}"
    elif k == 1:
        name = f"{t} de {city}"
    elif k == 2:
        name = f"{t} {rng.choice(LAST)} de {city}"
    elif k == 3:
        name = f"{t} {rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
    else:
        name = f"{t} {rng.choice(LAST)}"
    name += rng.choice(QUALIFIERS)
    if rng.random() < 0.3:
        name = typo(rng, name)
    if rng.random() < 0.2:
        name = name.encode("ascii", "ignore").decode() if rng.random() < 0.5 else name.upper()
    return name, (city if rng.random() < 0.7 else "")


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20261206)
    seen = set()
    rows = []
    while len(seen) < n:
        name, city = spelling(rng)
        if (name, city) in seen:
            continue
        seen.add((name, city))
        rows.append((rng.choice(["CHU de Rennes", "CHU de Nantes", "AP-HP", "CHU de Bordeaux",
                                 "Hospices Civils de Lyon", "CHU de Lille"]), name, city))
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["etablissement", "partenaire", "ville_partenaire", "pays"])
        for e, name, city in rows:
            w.writerow([e, name, city, "Sénégal"])


main()
