# The rakor image: every service binary and the seed data, on Debian bookworm.
FROM debian:bookworm AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/
RUN bash scripts/install-deps.sh --build-only
COPY . .
RUN bash scripts/build.sh /build -DRAKOR_BUILD_TESTS=OFF -DRAKOR_BUILD_BENCH=OFF

FROM debian:bookworm-slim
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      libgrpc++1.51 libprotobuf32 libsqlite3-0 libspdlog1.10 libabsl20220623 \
      libprometheus-cpp-core1.0 libprometheus-cpp-pull1.0 libpqxx-6.4 \
    && rm -rf /var/lib/apt/lists/* && useradd --uid 10001 --no-create-home rakor
COPY --from=build /build/services/registry/rakor-registry /usr/bin/
COPY data /usr/share/rakor/data
USER 10001
ENTRYPOINT ["/usr/bin/rakor-registry"]
