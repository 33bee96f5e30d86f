# leadflow developer targets. Everything runs without Docker: tests and the
# demo start throwaway PostgreSQL and Redis servers on loopback
# (internal/localsvc), installing the server packages first if missing.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

# CI images may not have Go on PATH; fall back to the standard install.
GO ?= $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)

# Shared test servers live here between `make test` runs (see
# scripts/testservices); `make clean` removes them.
TEST_DIR := $(CURDIR)/.leadflow/test
TESTSERVICES := $(CURDIR)/.leadflow/bin/testservices

.PHONY: all test demo build vet tools sqlc services browser clean fuzz eval bant-eval test-dashboards chaos vuln bench-scale

all: vet build test

## services: install redis-server and the PostgreSQL server if missing
services:
	@scripts/ensure-services.sh

## browser: install Debian's chromium for the web app's browser tests (they
## skip without it, except under CI=true); without root it is only a note
browser:
	@command -v chromium >/dev/null || { if [[ $$(id -u) == 0 ]]; then scripts/apt-install.sh chromium; else echo "chromium is not installed: the web app's browser tests will skip (apt-get install chromium)" >&2; fi; }

## test: run every test with the race detector against one shared pair of
## servers, stopped afterwards even when tests fail or make is interrupted
test: services browser
	@echo "make test: starting throwaway PostgreSQL and Redis servers (a few seconds)" >&2
	@$(GO) build -o $(TESTSERVICES) ./scripts/testservices
	@mkdir -p $(TEST_DIR)
	@trap '$(TESTSERVICES) stop -dir $(TEST_DIR)' EXIT; \
	 trap 'exit 130' INT TERM; \
	 $(TESTSERVICES) start -dir $(TEST_DIR) -env $(TEST_DIR)/env.sh; \
	 source $(TEST_DIR)/env.sh; \
	 echo "make test: running every package's tests with the race detector (about 2 min on 2 cores once compiled; the first run compiles for 2-5 min more)" >&2; \
	 $(GO) test -race -count=1 ./... && \
	 echo "make test: the text reader's exhaustive and retraining tests, built without the race detector (about 1 min)" >&2 && \
	 $(GO) test -count=1 ./scoring/bant/

## test-dashboards: scrape a running leadflow with a real Prometheus and run
## every dashboard query and alert rule against it (needs Debian's prometheus)
test-dashboards: services
	@command -v prometheus >/dev/null || { if [[ $$(id -u) == 0 ]]; then scripts/apt-install.sh prometheus; else echo "install Debian's prometheus package" >&2; exit 1; fi; }
	@$(GO) build -o $(TESTSERVICES) ./scripts/testservices
	@mkdir -p $(TEST_DIR)
	@trap '$(TESTSERVICES) stop -dir $(TEST_DIR)' EXIT; \
	 trap 'exit 130' INT TERM; \
	 $(TESTSERVICES) start -dir $(TEST_DIR) -env $(TEST_DIR)/env.sh; \
	 source $(TEST_DIR)/env.sh; \
	 $(GO) test -tags prometheus -count=1 -run TestDashboardQueriesAgainstPrometheus -v ./cmd/leadflow | grep -E '^(---|ok|FAIL|PASS)|Error'

## chaos: crash and fault tests against real processes (kill -9 Redis or a
## worker, restart PostgreSQL, Mailgun refusing, a poison event, scale-out);
## each test starts its own servers, so no shared test services; ~5 minutes
chaos: services
	GO=$(GO) $(GO) test -tags chaos -count=1 -timeout 15m -v ./chaos/

## demo: build the binary and run the whole system locally
demo: services build
	./bin/leadflow demo

## fuzz: run every parser's fuzzer for FUZZTIME each (default 60s; not in CI)
fuzz:
	@FUZZTIME=$${FUZZTIME:-60s} GO=$(GO) scripts/fuzz.sh

## eval: backtest the learned model on the X Education leads, then run the
## acceptance tests on the real data sets (go test -tags datasets: not part
## of make test or CI, which have no ../shared/datasets)
DATASETS ?= $(CURDIR)/../shared/datasets
eval: services build
	@test -f "$(DATASETS)/x_education_leads/Leads.csv" || { echo "no dataset at $(DATASETS) (set DATASETS=...)" >&2; exit 1; }
	LEADFLOW_DATASETS=$(DATASETS) $(GO) test -tags datasets -count=1 -run 'TestAcceptance|TestOlistFunnel' ./scoring/learn ./cmd/leadflow
	LEADFLOW_DATASETS=$(DATASETS) $(GO) test -tags datasets -count=1 -v -run 'TestOlistPareto' ./cmd/leadflow
	./bin/leadflow score eval --csv "$(DATASETS)/x_education_leads/Leads.csv" --label Converted --positive 1 \
	  --exclude "Tags,Lead Quality,Lead Profile,Last Activity,Last Notable Activity,Prospect ID,Lead Number" --seeds 1-5
	$(MAKE) --no-print-directory bant-eval

## bant-eval: how well budget, authority, need and timeline are read from
## what people write, on the held-out inquiries (no data set needed)
bant-eval: build
	@for f in holdout holdout2 holdout3 holdout4 holdout5 holdout6 holdout7 holdout8; do echo "== scoring/bant/testdata/corpus/$$f.jsonl"; \
		./bin/leadflow score bant-eval --corpus scoring/bant/testdata/corpus/$$f.jsonl || exit 1; done

## bench-scale: the benchmark at size (issue 19): empty-database phases, then
## CONTACTS seeded contacts (default 1,000,000: 13 min, 6 GB in .leadflow/bench;
## 10,000,000: 2-4 h and 80 GB free, docs/performance.md), JSON in docs/bench/
## (BENCH_FLAGS adds flags, e.g. --pg-setting shared_buffers=6GB for 10M)
CONTACTS ?= 1000000
BENCH_FLAGS ?=
bench-scale: build
	./bin/leadflow bench --contacts $(CONTACTS) $(BENCH_FLAGS) --json > docs/bench/$$(date -u +%F)-scale-$(CONTACTS).json

## vuln: report known vulnerabilities in the code paths we call
## (govulncheck; needs https://vuln.go.dev, says so clearly when offline)
GOVULNCHECK ?= golang.org/x/vuln/cmd/govulncheck@latest
VULNFLAGS ?=
vuln:
	@out=$$(mktemp); trap 'rm -f "$$out"' EXIT; \
	 if $(GO) run $(GOVULNCHECK) $(VULNFLAGS) ./... >"$$out" 2>&1; then cat "$$out"; exit 0; fi; \
	 cat "$$out" >&2; \
	 if grep -qE 'vuln\.go\.dev|dial tcp|no such host|connection refused|i/o timeout|TLS handshake|proxy\.golang\.org|GOPROXY' "$$out" \
	    && ! grep -qE '^(Vulnerability|Symbol Results)|GO-[0-9]{4}-[0-9]+' "$$out"; then \
	   echo "vuln: govulncheck could not reach its database (https://vuln.go.dev) or the module proxy; nothing was checked. Retry with network access, or use a mirror or local copy: make vuln VULNFLAGS=\"-db file:///path/to/vulndb\"" >&2; \
	   exit 2; \
	 fi; \
	 exit 1

## build: compile bin/leadflow
build:
	@echo "building bin/leadflow (the first build downloads and compiles the modules: 1-4 min; later ones take seconds)" >&2
	$(GO) build -o bin/leadflow ./cmd/leadflow

## tools: build the pinned code generator and linter into .leadflow/bin
## (sqlc needs cgo: 1-2 min the first time, cached afterwards)
SQLC_VERSION := v1.31.1
STATICCHECK_VERSION := v0.8.2
SQLC := $(CURDIR)/.leadflow/bin/sqlc
STATICCHECK := $(CURDIR)/.leadflow/bin/staticcheck
$(SQLC):
	@echo "building sqlc $(SQLC_VERSION) into .leadflow/bin (cgo; 1-2 min the first time)" >&2
	GOBIN=$(CURDIR)/.leadflow/bin $(GO) install github.com/sqlc-dev/sqlc/cmd/sqlc@$(SQLC_VERSION)
$(STATICCHECK):
	GOBIN=$(CURDIR)/.leadflow/bin $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
tools: $(SQLC) $(STATICCHECK)

## sqlc: regenerate the typed Go of every store/internal/*db/queries.sql
sqlc: $(SQLC)
	@for f in store/internal/*/sqlc.yaml; do (cd "$$(dirname "$$f")" && $(SQLC) generate) || exit 1; done

## vet: fail on unformatted files, stale generated SQL code, go vet and
## staticcheck findings (also over the build-tagged tests)
vet: tools
	@unformatted=$$(gofmt -l $$(find . -name '*.go' -not -path './.leadflow/*' -not -path './bin/*')); \
	 if [[ -n $$unformatted ]]; then echo "gofmt needed:" >&2; echo "$$unformatted" >&2; exit 1; fi
	@for f in store/internal/*/sqlc.yaml; do \
	   (cd "$$(dirname "$$f")" && $(SQLC) diff) || { echo "generated code in $$(dirname "$$f") is stale: run make sqlc" >&2; exit 1; }; \
	 done
	$(GO) vet ./...
	$(GO) vet -tags 'chaos prometheus datasets' ./chaos ./cmd/leadflow ./scoring/learn
	$(STATICCHECK) ./...
	$(STATICCHECK) -tags 'chaos prometheus datasets' ./...

## clean: stop leftover test servers, remove build and server state
clean:
	@if [[ -x $(TESTSERVICES) ]]; then $(TESTSERVICES) stop -dir $(TEST_DIR) || true; fi
	rm -rf .leadflow bin
