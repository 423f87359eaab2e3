# The Outrigger sidecar image: a static binary on distroless, running as non-root.
#   docker build -t outrigger:dev .
# The build stage's Go is go.mod's (test/compose checks they agree).
FROM golang:1.26.8 AS build
WORKDIR /src
COPY go.mod go.sum ./
# go.mod replaces etcd's server module with this patched copy (third_party/README.md).
COPY third_party/etcd-server/go.mod third_party/etcd-server/
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/outrigger ./cmd/outrigger \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/outrigger /outrigger
# The data dir belongs to the non-root user, so a fresh named volume does too.
COPY --from=build --chown=65532:65532 /out/data /data
ENV OUTRIGGER_DATA_DIR=/data
VOLUME /data
# JSON API, gRPC API, etcd client URL, etcd peer URL
EXPOSE 7400 7401 2379 2380
USER 65532:65532
# `outrigger health` asks the local /readyz: no shell or curl needed.
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 CMD ["/outrigger", "health"]
ENTRYPOINT ["/outrigger"]
CMD ["run"]
