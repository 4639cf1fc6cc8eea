# coopmap: build, test, check (sanitizers), demo, install.
# Out-of-tree builds: build/ (release), build-san/ (ASan + UBSan).

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc

PKGS      := gdal proj shapelib cairo pangocairo jansson glib-2.0 libpng libxml-2.0
TEST_PKGS := cmocka

# The README's two commands start here: install the Debian packages when
# pkg-config lacks one (scripts/install-deps.sh is idempotent).
# The web page's map library (Debian's libjs-leaflet and its cluster
# plugin) has no pkg-config file: its file is checked instead.
LEAFLET := /usr/share/javascript/leaflet/leaflet.markercluster.min.js
DEPS_OK := $(shell pkg-config --exists $(PKGS) $(TEST_PKGS) 2>/dev/null && \
	test -f $(LEAFLET) && command -v msgfmt >/dev/null && echo yes)
ifneq ($(DEPS_OK),yes)
ifeq ($(filter clean,$(MAKECMDGOALS)),)
$(info coopmap: installing build dependencies (scripts/install-deps.sh))
$(shell sh scripts/install-deps.sh >&2)
endif
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
TEST_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
OPT     ?= -O2 -g
CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) -MMD -MP \
             -Iinclude $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS_ALL = $(EXTRA_LDFLAGS)

# Where the binary finds geodata/ and styles/: the source tree for the
# build-tree binary; the installed share directory for `make install`.
DATADIR ?= $(CURDIR)
# Where it finds the translations (po/*.po compiled by msgfmt).
LOCALEDIR ?= $(CURDIR)/$(BUILD)/locale
LINGUAS := $(basename $(notdir $(wildcard po/*.po)))
MO := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/coopmap.mo)

LIB_SRC  := $(wildcard src/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
TEST_SRC := $(wildcard tests/test_*.c)
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:src/cli/%.c=$(BUILD)/obj/cli/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_SRC := $(filter-out tests/fuzz/fuzz_util.c,$(FUZZ_SRC))
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/replay/%)
FUZZ_DEPS := tests/fuzz/fuzz_util.c tests/fuzz/fuzz_util.h
HEADERS  := $(wildcard include/coopmap/*.h)

LIB := $(BUILD)/libcoopmap.a
BIN := $(BUILD)/coopmap


.PHONY: pot all test check demo bench install clean hdr-check fuzz fuzz-build valgrind golden scenes-update print
all: $(BIN)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS_ALL) -DCOOPMAP_DATADIR='"$(DATADIR)"' \
	  -DCOOPMAP_LOCALEDIR='"$(LOCALEDIR)"' -c $< -o $@

$(BUILD)/obj/cli/%.o: src/cli/%.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS_ALL) -Isrc -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB) $(MO)
	$(CC) $(LDFLAGS_ALL) $(CLI_OBJ) $(LIB) $(PKG_LIBS) -o $@

# The translations: msgfmt checks each format against its msgid.
$(BUILD)/locale/%/LC_MESSAGES/coopmap.mo: po/%.po
	@mkdir -p $(dir $@)
	@echo "  MSGFMT $<"; msgfmt --check -o $@ $<

# After changing a message: extract the catalogue's template and merge it
# into each translation (then translate what msgmerge marks).
pot:
	@sh po/update.sh

$(BUILD)/tests/%: tests/%.c tests/test_util.h $(LIB)
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS_ALL) $(TEST_CFLAGS) -Itests $< $(LIB) $(PKG_LIBS) $(TEST_LIBS) $(LDFLAGS_ALL) -o $@

# The fuzz harnesses: with libFuzzer (clang) for `make fuzz`, and with a
# plain main that replays files (tests/fuzz/replay.c) for `make test`.
$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_DEPS) $(LIB)
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS_ALL) -Itests/fuzz $< tests/fuzz/fuzz_util.c $(LIB) $(PKG_LIBS) $(LDFLAGS_ALL) -fsanitize=fuzzer -o $@

$(BUILD)/replay/%: tests/fuzz/%.c $(FUZZ_DEPS) tests/fuzz/replay.c $(LIB)
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS_ALL) -Itests/fuzz $< tests/fuzz/fuzz_util.c tests/fuzz/replay.c $(LIB) $(PKG_LIBS) $(LDFLAGS_ALL) -o $@

# Each public header compiles on its own.
hdr-check: $(HEADERS:include/coopmap/%.h=$(BUILD)/hdr/%.o)
$(BUILD)/hdr/%.o: include/coopmap/%.h
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS_ALL) -x c -c $< -o $@

test: $(BIN) $(TEST_BIN) $(REPLAY_BIN) hdr-check
	@sh tests/run-tests.sh $(BUILD)

check:
	$(MAKE) BUILD=build-san OPT="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" test

# Every command of the demo and the bad inputs under Valgrind's memcheck.
valgrind: $(BIN)
	@command -v valgrind >/dev/null || sh scripts/install-deps.sh --valgrind
	@sh tests/valgrind.sh $(BUILD)

# Every harness of tests/fuzz/ for FUZZ_SECONDS each (libFuzzer, clang,
# ASan + UBSan); the figures go to build-fuzz/fuzz-report.md.
FUZZ_SECONDS ?= 60
fuzz:
	@sh scripts/install-deps.sh --fuzz
	$(MAKE) BUILD=build-fuzz CC=clang OPT="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" fuzz-build
	@sh tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS)
fuzz-build: $(FUZZ_BIN)

# The bundled example: real partnerships compiled from public pages (see
# examples/SOURCES.md), rendered as the ministry would publish them.
DEMO_SOURCE := Données : pages publiques des établissements et de la presse, compilées en novembre 2026 (colonne source_url de examples/cooperations.csv)
demo: $(BIN)
	@mkdir -p out
	$(BIN) render examples/cooperations.csv --source "$(DEMO_SOURCE)" -o out/cooperations-monde.png
	$(BIN) render examples/cooperations.csv --source "$(DEMO_SOURCE)" -o out/cooperations-monde.svg
	$(BIN) render examples/cooperations.csv --source "$(DEMO_SOURCE)" -o out/cooperations-monde.pdf
	$(BIN) render examples/cooperations.csv --source "$(DEMO_SOURCE)" --extent africa \
	  --insets france --title "Coopérations hospitalières en Afrique" \
	  -o out/cooperations-afrique.png
	$(BIN) render examples/cooperations.csv --source "$(DEMO_SOURCE)" --country BFA \
	  --title "Coopérations hospitalières avec le Burkina Faso" \
	  -o out/cooperations-burkina-faso.png
	$(BIN) render examples/cooperations.csv --source "$(DEMO_SOURCE)" --style print \
	  -o out/cooperations-monde-gris.pdf
	$(BIN) render examples/cooperations.csv --source "$(DEMO_SOURCE)" \
	  --layers cicd-2018,health-agreements,francophonie \
	  --title "Coopérations hospitalières et priorités géographiques" \
	  -o out/cooperations-couches.png
	$(BIN) render examples/cooperations.csv --source "$(DEMO_SOURCE)" --pool \
	  --title "Partenaires partagés par plusieurs établissements" \
	  -o out/cooperations-mutualisation.png
	$(BIN) export examples/cooperations.csv -o out/cooperations.geojson
	$(BIN) export examples/cooperations.csv -o out/cooperations.gpkg
	$(BIN) export examples/cooperations.csv -o out/pays.csv
	$(BIN) export examples/cooperations.csv -o out/pays.md
	$(BIN) export examples/cooperations.csv -o out/cooperations.kml
	$(BIN) publish examples/cooperations.csv --source "$(DEMO_SOURCE)" -o out/carte.html \
	  --out out/carte
	$(BIN) check examples/cooperations.csv --rejects out/rejets.csv > out/controle.txt
	$(BIN) classify examples/cooperations.csv -o out/classification.csv > out/classification.txt
	$(BIN) pool examples/cooperations.csv > out/mutualisation.md
	$(BIN) pool examples/cooperations.csv --format json > out/mutualisation.json
	$(BIN) actors -o out/acteurs.svg
	$(BIN) actors -o out/acteurs.png
	$(BIN) actors -o out/acteurs.pdf
	$(BIN) actors --country BFA examples/cooperations.csv -o out/fiche-BFA.png \
	  > out/fiche-BFA.md
	$(BIN) export --actors -o out/acteurs.geojson
	$(BIN) render examples/cooperations.csv --source "$(DEMO_SOURCE)" --actors --no-network \
	  --title "Réseaux, organismes régionaux et conseillers d'ambassade" \
	  -o out/acteurs-monde.png
	@echo "demo: maps and reports written to out/"

# Accept a change of the example's map: rewrite tests/golden.sh's reference
# (look at tests/artifacts/golden-monde-1000.svg first).
golden: $(BIN)
	@sh tests/golden.sh $(BUILD) update

# Accept a change of the renderer's reference scenes (tests/scenes/scenes.txt):
# every scene's new map becomes its reference in tests/data/ref/scenes/
# (look at tests/artifacts/scenes/ first, and commit the references).
scenes-update: $(BIN) $(BUILD)/tests/test_scenes
	@COOPMAP_SCENES_UPDATE=1 COOPMAP_BIN=$(CURDIR)/$(BIN) $(BUILD)/tests/test_scenes

# The world, Africa, a country, the pooling map and the actor diagram as A4
# and A3 landscape PDFs: checked (page size, text), cropped at 150 dpi into
# tests/artifacts/print/ with the text sizes in sizes.md (part of make test).
print: $(BIN)
	@sh tests/print.sh $(BUILD)

bench: $(BIN)
	@BENCH_CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN)" sh bench/run.sh $(BUILD)

install: $(BIN)
	$(MAKE) BUILD=build-install DATADIR=$(PREFIX)/share/coopmap \
	  LOCALEDIR=$(PREFIX)/share/locale
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/coopmap
	install -m 755 build-install/coopmap $(DESTDIR)$(PREFIX)/bin/coopmap
	for l in $(LINGUAS); do install -D -m 644 build-install/locale/$$l/LC_MESSAGES/coopmap.mo \
	  $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/coopmap.mo; done
	cp -R geodata styles web $(DESTDIR)$(PREFIX)/share/coopmap/

clean:
	rm -rf build build-san build-install build-fuzz out

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
