# The rakor image: every binary (rakor-server, the three services, the dashboard and
# the rakor command) and the seed data, on Debian bookworm, run as a non-root user.
# Build: docker build -t rakor . ; the manifests in k8s/ choose the binary to run.

# Stage 1: the build, with the compilers and -dev packages (scripts/install-deps.sh).
FROM debian:bookworm AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/
RUN bash scripts/install-deps.sh --build-only
COPY . .
RUN bash scripts/build.sh /build -DRAKOR_BUILD_TESTS=OFF -DRAKOR_BUILD_BENCH=OFF \
 && mkdir /out \
 && cp /build/services/embedded/rakor-server /build/services/registry/rakor-registry \
       /build/services/scheduling/rakor-scheduling /build/services/reporting/rakor-reporting \
       /build/clients/dashboard/rakor-dashboard /build/clients/rakor/rakor /out/ \
 && strip --strip-debug /out/*

# Stage 2: only the shared libraries the binaries load (their Debian runtime
# packages), fonts for the printable minutes, and CA roots for SMTP over TLS.
FROM debian:bookworm-slim
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      libgrpc++1.51 libprotobuf32 libabsl20220623 libsqlite3-0 libspdlog1.10 \
      libprometheus-cpp-core1.0 libprometheus-cpp-pull1.0 libpqxx-6.4 libical3 libssl3 \
      libcpp-httplib0.11 libcurl4 libgmime-3.0-0 libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libjemalloc2 \
      fonts-dejavu-core ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 10001 rakor && useradd --uid 10001 --gid 10001 --no-create-home rakor \
    && mkdir -p /var/lib/rakor && chown 10001:10001 /var/lib/rakor
COPY --from=build /out/ /usr/bin/
COPY data /usr/share/rakor/data
USER 10001:10001
WORKDIR /var/lib/rakor
VOLUME /var/lib/rakor
EXPOSE 50051 50052 50053 8052 8080 9450 9401
# The embedded default; production runs one service per container (k8s/overlays/production).
ENTRYPOINT ["/usr/bin/rakor-server"]
CMD ["--data_dir=/var/lib/rakor", "--seed_dir=/usr/share/rakor/data", \
     "--scheduling_seed_dir=/usr/share/rakor/data/scheduling", \
     "--registry_listen=0.0.0.0:50051", "--scheduling_listen=0.0.0.0:50052", \
     "--reporting_listen=0.0.0.0:50053", "--feed_listen=0.0.0.0:8052", \
     "--dashboard_listen=0.0.0.0:8080", "--metrics_listen=0.0.0.0:9450", \
     "--health_listen=0.0.0.0:9401", \
     "--tls_cert=/etc/rakor/tls/tls.crt", "--tls_key=/etc/rakor/tls/tls.key", \
     "--tls_ca=/etc/rakor/tls/ca.crt"]
