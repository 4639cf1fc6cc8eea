// check-geojson.mjs: validates a GeoJSON file with a validator others
// wrote (@placemarkio/check-geojson): RFC 7946 structure, winding,
// positions.  Exit 0 when valid; 1 with the first issues otherwise.
import { check } from '@placemarkio/check-geojson';
import { readFileSync } from 'fs';

try {
	check(readFileSync(process.argv[2], 'utf8'));
	console.log(`${process.argv[2]}: valid GeoJSON (check-geojson)`);
} catch (e) {
	console.log(`${process.argv[2]}: invalid GeoJSON:`,
		JSON.stringify(e.issues ? e.issues.slice(0, 5) : e.message));
	process.exit(1);
}
