# Outrigger: `make run` starts a single-node sidecar, `make test` runs every suite.
GO        ?= go
BIN       := $(CURDIR)/bin/outrigger
GOBIN     := $(CURDIR)/.bin
PYVENV    := $(CURDIR)/.venv

# Code generation tools, pinned; `make generate` installs them into .bin/.
BUF_VERSION              := v1.57.0
PROTOC_GEN_GO_VERSION    := v1.36.11
PROTOC_GEN_GO_GRPC       := v1.6.1
GRPC_GATEWAY_VERSION     := v2.29.0

.PHONY: run build test test-go test-python test-java generate check-generated check-third-party tools lint bench bench-short

run:
	$(GO) run ./cmd/outrigger run

# The Dockerfile's flags: a static binary, and test/compose's own build of it hits the cache.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags="-s -w" -o $(BIN) ./cmd/outrigger

test: check-generated check-third-party test-go test-python test-java bench-short

# Test packages run one at a time (-p 1): they start real clusters on free ports, and
# two packages picking ports at the same moment could collide.
test-go: build
	$(GO) vet ./...
	OUTRIGGER_BIN=$(BIN) $(GO) test -p 1 -count=1 -timeout 20m ./...

$(PYVENV)/bin/pytest:
	python3 -m venv $(PYVENV)
	$(PYVENV)/bin/pip install -q --disable-pip-version-check pytest

test-python: build $(PYVENV)/bin/pytest
	$(PYVENV)/bin/pip install -q --disable-pip-version-check ./clients/python
	cd clients/python && OUTRIGGER_BIN=$(BIN) $(PYVENV)/bin/pytest -q tests; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "test-python: pytest collected no test in clients/python/tests" >&2; fi; exit $$rc

test-java: build
	cd clients/java && OUTRIGGER_BIN=$(BIN) mvn -B -ntp install
	cd examples/spring && OUTRIGGER_BIN=$(BIN) mvn -B -ntp verify

tools:
	GOBIN=$(GOBIN) $(GO) install github.com/bufbuild/buf/cmd/buf@$(BUF_VERSION)
	GOBIN=$(GOBIN) $(GO) install google.golang.org/protobuf/cmd/protoc-gen-go@$(PROTOC_GEN_GO_VERSION)
	GOBIN=$(GOBIN) $(GO) install google.golang.org/grpc/cmd/protoc-gen-go-grpc@$(PROTOC_GEN_GO_GRPC)
	GOBIN=$(GOBIN) $(GO) install github.com/grpc-ecosystem/grpc-gateway/v2/protoc-gen-grpc-gateway@$(GRPC_GATEWAY_VERSION)
	GOBIN=$(GOBIN) $(GO) install github.com/grpc-ecosystem/grpc-gateway/v2/protoc-gen-openapiv2@$(GRPC_GATEWAY_VERSION)

generate: tools
	cd proto && PATH=$(GOBIN):$$PATH buf generate

# Fails when the committed generated code differs from what the protos generate.
check-generated: generate
	@git diff --exit-code --stat -- proto || { echo "generated code in proto/ is stale: run make generate and commit"; exit 1; }
	@test -z "$$(git status --porcelain -- proto)" || { echo "make generate created files not committed:"; git status --porcelain -- proto; exit 1; }

# Fails when third_party/etcd-server is not etcd's server module with etcd-server.patch
# (third_party/README.md).
check-third-party:
	third_party/etcd-server.sh --check

# Benchmarks (bench/README.md): the full run writes bench/results/RESULTS.md and its
# charts (about 10-15 minutes on 2 cores); the short run takes seconds, for CI, and
# asserts nothing about speed (its output goes to bench/work/short).
bench:
	$(GO) run ./bench

bench-short:
	$(GO) run ./bench -short

# Robustness (test/robustness): every fault scenario on a 3-node cluster, all checks,
# writes test/robustness/REPORT.md (about 3-4 minutes). `make test` runs its short mode.
# Another seed: make robustness OUTRIGGER_ROBUSTNESS_SEED=7
.PHONY: robustness
robustness: build
	cd test/robustness && OUTRIGGER_BIN=$(BIN) OUTRIGGER_ROBUSTNESS=full $(GO) test -count=1 -timeout 30m -v -run 'TestRobustness$$' . ; \
	rc=$$?; echo "robustness: report in test/robustness/REPORT.md"; exit $$rc
