# syntax=docker/dockerfile:1
#
# leadflow image: one static binary on distroless, run as a non-root user.
# Every role is a subcommand, so one image serves them all:
#   docker build --build-arg VERSION=v1.2.3 -t leadflow:v1.2.3 .
#   docker run --rm leadflow:v1.2.3 version
#   docker run ... leadflow:v1.2.3 serve     (or worker, scheduler, migrate up, run)
# docker-compose.yml wires the roles together.

ARG GO_VERSION=1.26

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
# Never let the go command fetch another toolchain during a build: the image
# tag above is the toolchain, so builds are reproducible.
ENV GOTOOLCHAIN=local
# Modules first, in their own layer, so a source change does not re-download
# them.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
# VERSION is printed by `leadflow version` and logged at start-up; pass the
# release tag (docker-compose.yml passes ${VERSION:-dev}).
ARG VERSION=dev
# CGO off: a static binary runs on distroless/static with no libc.
# -trimpath: no build-machine paths in the binary or its stack traces.
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath \
      -ldflags="-s -w -X main.version=${VERSION}" \
      -o /out/leadflow ./cmd/leadflow

FROM gcr.io/distroless/static-debian12:nonroot
ARG VERSION=dev
LABEL org.opencontainers.image.title="leadflow" \
      org.opencontainers.image.description="Self-hosted lead intake, scoring and routing worker" \
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /out/leadflow /usr/local/bin/leadflow
# The binary's own default (127.0.0.1) is unreachable from outside the
# container; every role serves /healthz, /readyz and /metrics here.
ENV LEADFLOW_HTTP_ADDR=0.0.0.0:8080
EXPOSE 8080
# distroless has no shell, curl or wget, so there is no HEALTHCHECK here:
# orchestrators should probe GET /readyz on port 8080 instead.
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/leadflow"]
# All roles in one process; override with serve, worker, scheduler or
# "migrate up" to run one role per container.
CMD ["run"]
