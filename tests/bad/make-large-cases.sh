#!/bin/sh
# Make the two very large inputs of the bad-input catalogue (11.5 MB in
# all): tests/run-tests.sh runs this before the tests, so that the
# repository does not carry them.  Byte-identical output every time.
set -eu
cd "$(dirname "$0")"

# A 1 MiB cell (the partner's name).
{
	printf 'etablissement,pays,partenaire,annee\nCHU de Rennes,Burundi,CHU '
	head -c 1048576 /dev/zero | tr '\000' x
	printf ',2006\nCHU de Tours,Madagascar,CHU de Mahajanga,2019\n'
} > big-cell.csv

# A line of 10.5 MB between two ordinary rows (OGR's CSV driver stops at
# lines longer than 10 MB).
{
	printf 'etablissement,pays,partenaire,annee\n'
	printf 'CHU de Tours,Madagascar,CHU de Mahajanga,2019\n'
	printf 'CHU de Rennes,Burundi,CHU '
	head -c 10500000 /dev/zero | tr '\000' y
	printf ',2006\nCHU de Lille,Mali,CHU du Point G,2015\n'
} > long-line.csv
