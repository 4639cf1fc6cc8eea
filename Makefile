# coopmap: build, test, check (sanitizers), demo, install.
# Out-of-tree builds: build/ (release), build-san/ (ASan + UBSan).

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc

PKGS      := gdal proj shapelib cairo pangocairo jansson glib-2.0
TEST_PKGS := cmocka

# The README's two commands start here: install the Debian packages when
# pkg-config lacks one (scripts/install-deps.sh is idempotent).
DEPS_OK := $(shell pkg-config --exists $(PKGS) $(TEST_PKGS) 2>/dev/null && echo yes)
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

LIB_SRC  := $(wildcard src/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
TEST_SRC := $(wildcard tests/test_*.c)
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:src/cli/%.c=$(BUILD)/obj/cli/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
HEADERS  := $(wildcard include/coopmap/*.h)

LIB := $(BUILD)/libcoopmap.a
BIN := $(BUILD)/coopmap

.PHONY: all test check demo bench install clean hdr-check
all: $(BIN)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS_ALL) -DCOOPMAP_DATADIR='"$(DATADIR)"' -c $< -o $@

$(BUILD)/obj/cli/%.o: src/cli/%.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS_ALL) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(LDFLAGS_ALL) $(CLI_OBJ) $(LIB) $(PKG_LIBS) -o $@

$(BUILD)/tests/%: tests/%.c tests/test_util.h $(LIB)
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS_ALL) $(TEST_CFLAGS) -Itests $< $(LIB) $(PKG_LIBS) $(TEST_LIBS) $(LDFLAGS_ALL) -o $@

# Each public header compiles on its own.
hdr-check: $(HEADERS:include/coopmap/%.h=$(BUILD)/hdr/%.o)
$(BUILD)/hdr/%.o: include/coopmap/%.h
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS_ALL) -x c -c $< -o $@

test: $(BIN) $(TEST_BIN) hdr-check
	@sh tests/run-tests.sh $(BUILD)

check:
	$(MAKE) BUILD=build-san OPT="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" test

# The bundled example: real partnerships compiled from public pages (see
# examples/SOURCES.md), rendered as the ministry would publish them.
DEMO_SOURCE := Données : pages publiques des établissements et de la presse, compilées en novembre 2026 (colonne source_url de examples/cooperations.csv)
demo: $(BIN)
	@mkdir -p out
	$(BIN) render examples/cooperations.csv --source "$(DEMO_SOURCE)" -o out/cooperations-monde.png
	$(BIN) render examples/cooperations.csv --source "$(DEMO_SOURCE)" -o out/cooperations-monde.svg
	$(BIN) render examples/cooperations.csv --source "$(DEMO_SOURCE)" -o out/cooperations-monde.pdf
	$(BIN) render examples/cooperations.csv --source "$(DEMO_SOURCE)" --extent africa \
	  --title "Coopérations hospitalières en Afrique" -o out/cooperations-afrique.png
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
	$(BIN) export examples/cooperations.csv -o out/cooperations.kml
	$(BIN) publish examples/cooperations.csv --source "$(DEMO_SOURCE)" -o out/carte.html
	$(BIN) check examples/cooperations.csv --rejects out/rejets.csv > out/controle.txt
	$(BIN) classify examples/cooperations.csv -o out/classification.csv > out/classification.txt
	$(BIN) pool examples/cooperations.csv > out/mutualisation.md
	$(BIN) pool examples/cooperations.csv --format json > out/mutualisation.json
	@echo "demo: maps and reports written to out/"

bench: $(BIN)
	@sh bench/run.sh $(BUILD)

install: $(BIN)
	$(MAKE) BUILD=build-install DATADIR=$(PREFIX)/share/coopmap
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/coopmap
	install -m 755 build-install/coopmap $(DESTDIR)$(PREFIX)/bin/coopmap
	cp -R geodata styles web $(DESTDIR)$(PREFIX)/share/coopmap/

clean:
	rm -rf build build-san build-install out

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
