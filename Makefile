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

.PHONY: all test demo build vet services clean fuzz eval test-dashboards

all: vet build test

## services: install redis-server and the PostgreSQL server if missing
services:
	@scripts/ensure-services.sh

## test: run every test with the race detector against one shared pair of
## servers, stopped afterwards even when tests fail or make is interrupted
test: services
	@$(GO) build -o $(TESTSERVICES) ./scripts/testservices
	@mkdir -p $(TEST_DIR)
	@trap '$(TESTSERVICES) stop -dir $(TEST_DIR)' EXIT; \
	 trap 'exit 130' INT TERM; \
	 $(TESTSERVICES) start -dir $(TEST_DIR) -env $(TEST_DIR)/env.sh; \
	 source $(TEST_DIR)/env.sh; \
	 $(GO) test -race -count=1 ./...; \
	 $(GO) test -count=1 -run 'TestAcceptance' ./scoring/learn

## test-dashboards: scrape a running leadflow with a real Prometheus and run
## every dashboard query and alert rule against it (needs Debian's prometheus)
test-dashboards: services
	@command -v prometheus >/dev/null || { if [[ $$(id -u) == 0 ]]; then apt-get install -y prometheus; else echo "install Debian's prometheus package" >&2; exit 1; fi; }
	@$(GO) build -o $(TESTSERVICES) ./scripts/testservices
	@mkdir -p $(TEST_DIR)
	@trap '$(TESTSERVICES) stop -dir $(TEST_DIR)' EXIT; \
	 trap 'exit 130' INT TERM; \
	 $(TESTSERVICES) start -dir $(TEST_DIR) -env $(TEST_DIR)/env.sh; \
	 source $(TEST_DIR)/env.sh; \
	 LEADFLOW_TEST_PROMETHEUS=1 $(GO) test -count=1 -run TestDashboardQueriesAgainstPrometheus -v ./cmd/leadflow | grep -E '^(---|ok|FAIL|PASS)|Error'

## demo: build the binary and run the whole system locally
demo: services build
	./bin/leadflow demo

## fuzz: run every parser's fuzzer for FUZZTIME each (default 60s; not in CI)
fuzz:
	@FUZZTIME=$${FUZZTIME:-60s} GO=$(GO) scripts/fuzz.sh

## eval: backtest the learned model on the X Education leads (needs ../shared/datasets)
DATASETS ?= $(CURDIR)/../shared/datasets
eval: build
	@test -f "$(DATASETS)/x_education_leads/Leads.csv" || { echo "no dataset at $(DATASETS) (set DATASETS=...)" >&2; exit 1; }
	./bin/leadflow score eval --csv "$(DATASETS)/x_education_leads/Leads.csv" --label Converted --positive 1 \
	  --exclude "Tags,Lead Quality,Lead Profile,Last Activity,Last Notable Activity,Prospect ID,Lead Number" --seeds 1-5

## build: compile bin/leadflow
build:
	$(GO) build -o bin/leadflow ./cmd/leadflow

## vet: fail on unformatted files, then go vet
vet:
	@unformatted=$$(gofmt -l $$(find . -name '*.go' -not -path './.leadflow/*' -not -path './bin/*')); \
	 if [[ -n $$unformatted ]]; then echo "gofmt needed:" >&2; echo "$$unformatted" >&2; exit 1; fi
	$(GO) vet ./...

## clean: stop leftover test servers, remove build and server state
clean:
	@if [[ -x $(TESTSERVICES) ]]; then $(TESTSERVICES) stop -dir $(TEST_DIR) || true; fi
	rm -rf .leadflow bin
