/*
 * gen_projects.c: writes a realistic project list of N rows for the
 * benchmarks: real French establishments and partner hospitals, the
 * countries of the field with the spellings people type (accents or not,
 * abbreviations, a few misspellings that must be rejected), years, amounts.
 * Written through OGR's CSV driver (or any OGR format, by extension).
 * Deterministic: the same N gives the same file.
 *
 * usage: gen_projects N OUTPUT.csv
 */
#include <gdal.h>
#include <ogr_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const establishments[][2] = {
	{ "CHU de Rennes", "Rennes" }, { "CHU de Nantes", "Nantes" },
	{ "CHU de Tours", "Tours" }, { "CHU d'Angers", "Angers" },
	{ "CHU de Bordeaux", "Bordeaux" }, { "CHU de Montpellier", "Montpellier" },
	{ "CHU de Nîmes", "Nîmes" }, { "CHU de Toulouse", "Toulouse" },
	{ "Hospices civils de Lyon", "Lyon" }, { "AP-HP", "Paris" },
	{ "AP-HM", "Marseille" }, { "CHU de Lille", "Lille" },
	{ "Hôpitaux universitaires de Strasbourg", "Strasbourg" },
	{ "CHU de Clermont-Ferrand", "Clermont-Ferrand" },
	{ "CHU de Poitiers", "Poitiers" }, { "CHU de Rouen", "Rouen" },
	{ "CHU de La Réunion", "Saint-Denis" }, { "CH de Périgueux", "Périgueux" },
	{ "CH de Pau", "Pau" }, { "CHI de Créteil", "Créteil" },
	{ "CH de la Côte basque", "Bayonne" }, { "CHU de Brest", "Brest" },
	{ "CHU de Limoges", "Limoges" }, { "CHU de Dijon", "Dijon" },
};

static const char *const partners[][3] = {
	{ "CHU de Kamenge", "Bujumbura", "Burundi" },
	{ "CHU Yalgado Ouédraogo", "Ouagadougou", "Burkina Faso" },
	{ "CHR d'Atakpamé", "Atakpamé", "Togo" },
	{ "CHU de Cotonou", "Cotonou", "Bénin" },
	{ "Hôpital Principal de Dakar", "Dakar", "Sénégal" },
	{ "Hôpital Général de Grand Yoff", "Dakar", "Senegal" },
	{ "CHU de Treichville", "Abidjan", "Côte d'Ivoire" },
	{ "CHU de Cocody", "Abidjan", "Cote d'Ivoire" },
	{ "Hôpital Gabriel Touré", "Bamako", "Mali" },
	{ "Hôpital régional de Labé", "Labé", "Guinée" },
	{ "Cliniques universitaires de Kinshasa", "Kinshasa", "RDC" },
	{ "Hôpital général de Douala", "Douala", "Cameroun" },
	{ "HGOPY", "Yaoundé", "Cameroon" },
	{ "CHU Joseph Raseta Befelatanana", "Antananarivo", "Madagascar" },
	{ "CHN El-Maarouf", "Moroni", "Comores" },
	{ "Hôpital de Mirebalais", "Mirebalais", "Haïti" },
	{ "Hôpital Bach Mai", "Hanoï", "Viêt Nam" },
	{ "Hôpital Charles-Nicolle", "Tunis", "Tunisie" },
	{ "CHU Hassan II", "Fès", "Maroc" },
	{ "EHU d'Oran", "Oran", "Algérie" },
	{ "Hôtel-Dieu de France", "Beyrouth", "Liban" },
	{ "Hôpital régional de Moundou", "Moundou", "Tchad" },
	{ "Hôpital de l'Amitié khméro-soviétique", "Phnom Penh", "Cambodge" },
	{ "Hôpital national de Niamey", "Niamey", "Niger" },
	{ "Hôpital Somine Dolo", "Mopti", "Madagasikara" },  /* rejected */
};

static const char *const themes[] = {
	"hygiène hospitalière", "santé de la mère et de l'enfant",
	"maintenance biomédicale", "chirurgie pédiatrique", "urgences",
	"management hospitalier", "lutte contre l'antibiorésistance",
};

static const char *const programmes[] = { "APCHI", "PRPH", "", "AFD" };

/* A small fixed LCG: the same sequence on every machine. */
static uint32_t next(uint32_t *state)
{
	*state = *state * 1664525u + 1013904223u;
	return *state >> 8;
}

#define PICK(array, s) array[next(s) % (sizeof(array) / sizeof(array[0]))]

int main(int argc, char **argv)
{
	static const char *const headers[] = { "etablissement", "ville",
		"partenaire", "ville_partenaire", "pays", "theme", "programme",
		"annee", "montant" };
	uint32_t state = 20191125u;
	long rows;
	GDALDatasetH ds;
	OGRLayerH layer;

	if (argc != 3 || (rows = atol(argv[1])) <= 0) {
		fprintf(stderr, "usage: gen_projects N OUTPUT.csv\n");
		return 2;
	}
	GDALAllRegister();
	ds = GDALCreate(GDALGetDriverByName("CSV"), argv[2], 0, 0, 0, GDT_Unknown,
		NULL);
	if (ds == NULL)
		return 2;
	layer = GDALDatasetCreateLayer(ds, "projects", NULL, wkbNone, NULL);
	for (size_t i = 0; i < sizeof(headers) / sizeof(headers[0]); i++) {
		OGRFieldDefnH f = OGR_Fld_Create(headers[i], OFTString);

		OGR_L_CreateField(layer, f, TRUE);
		OGR_Fld_Destroy(f);
	}
	for (long r = 0; r < rows; r++) {
		OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
		const char *const *e = PICK(establishments, &state);
		const char *const *p = PICK(partners, &state);
		char year[8], amount[16];

		snprintf(year, sizeof(year), "%u", 2010 + next(&state) % 16);
		snprintf(amount, sizeof(amount), "%u", 10000 + next(&state) % 16 * 1000);
		OGR_F_SetFieldString(f, 0, e[0]);
		OGR_F_SetFieldString(f, 1, e[1]);
		OGR_F_SetFieldString(f, 2, p[0]);
		OGR_F_SetFieldString(f, 3, p[1]);
		OGR_F_SetFieldString(f, 4, p[2]);
		OGR_F_SetFieldString(f, 5, PICK(themes, &state));
		OGR_F_SetFieldString(f, 6, PICK(programmes, &state));
		OGR_F_SetFieldString(f, 7, year);
		OGR_F_SetFieldString(f, 8, amount);
		if (OGR_L_CreateFeature(layer, f) != OGRERR_NONE) {
			fprintf(stderr, "gen_projects: cannot write %s\n", argv[2]);
			return 2;
		}
		OGR_F_Destroy(f);
	}
	GDALClose(ds);
	return 0;
}
