# Brook: Kafka-compatible broker and Kubernetes operator.
# `make help` lists the targets.

MVN ?= mvn -B -ntp
BROKER_JAR := broker-image/target/brook-broker.jar
ARGS ?=

.DEFAULT_GOAL := help

.PHONY: help setup build test compat chaos bench-elasticity fmt run bench clean dev dev-down crds images images-test dev-operator dev-operator-down

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: ## Install what a fresh machine lacks (JDK 17, Maven, Go, the compat tests' clients)
	@scripts/setup.sh

build: setup ## Compile, format-check and package every module (no tests)
	$(MVN) -DskipTests -DskipITs install

test: setup ## Run all unit and integration tests (format check included)
	$(MVN) install

compat: setup ## Only the client compatibility tests (kafka-clients 3.9, librdkafka, Go, Python, Node clients; part of `make test`)
	$(MVN) -pl compat -am -DskipTests -DskipITs install
	$(MVN) -pl compat verify

CHAOS_FAULTS ?= 30
chaos: build ## Fault-injection soak (not in `make test`): 6 brokers, CHAOS_FAULTS faults (default 30), CHAOS_SEED to replay
	$(MVN) -pl operator verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test=ChaosSoak -Dchaos.faults=$(CHAOS_FAULTS) $(if $(CHAOS_SEED),-Dchaos.seed=$(CHAOS_SEED))

BENCH_BYTES ?= 1073741824
bench-elasticity: build ## Time rebalance 3->6, heal after a node loss and drain 6->3 with BENCH_BYTES (default 1 GiB) in 100 partitions
	$(MVN) -pl operator verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test=ElasticityBench -Dbench.bytes=$(BENCH_BYTES) > operator/target/elasticity-bench.log 2>&1; \
	  status=$$?; grep '^elasticity:' operator/target/elasticity-bench.log; exit $$status

fmt: ## Reformat the Java sources (google-java-format through Spotless)
	$(MVN) -q spotless:apply

run: build ## Start a single-node broker on 127.0.0.1:9092, data in ./data (ARGS="--override key=value ...")
	java -jar $(BROKER_JAR) $(ARGS)

bench: build ## Compare Brook with Apache Kafka using Kafka's own perf tools
	bench/run.sh

.PHONY: dev dev-down
dev: setup ## Start a local Kubernetes (real control plane, 6 simulated nodes) and the operator in the background; kubeconfig in .dev/kubeconfig. IMAGES=1: everything from the images, the operator installed by its bundle
	$(MVN) -q -pl broker-image,e2e,operator -am -DskipTests -DskipITs package
ifeq ($(IMAGES),1)
	e2e/dev-images.sh start
else
	e2e/dev-cluster.sh start
	operator/dev-operator.sh start
endif

dev-down: ## Stop what `make dev` started (containers too)
	-operator/dev-operator.sh stop
	e2e/dev-cluster.sh stop

crds: ## Regenerate the CRDs in crds/ from the operator's API classes (commit the result)
	$(MVN) -q -pl operator -am -DskipTests -DskipITs package
	cp operator/target/kubernetes/*.brook.dev-v1.yml crds/

images: ## Build the broker and operator images (podman or docker; BASE_IMAGE=eclipse-temurin:17-jre where a registry is reachable, else a JRE base from Debian's packages)
	scripts/images.sh

images-test: ## Build the images and run them: broker round trip, operator under its ServiceAccount (one line and skipped where no container engine runs)
	scripts/images-test.sh

dev-operator: ## Run the operator against the local Kubernetes of `make dev` (CRDs installed first)
	$(MVN) -q -pl operator -am -DskipTests -DskipITs package
	operator/dev-operator.sh start

dev-operator-down: ## Stop what `make dev-operator` started
	operator/dev-operator.sh stop

clean: ## Remove build outputs
	$(MVN) -q clean
