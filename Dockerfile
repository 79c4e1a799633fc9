# One image with every ims-core binary, built from Debian bookworm packages only.
#   docker build -t ims-core .
FROM debian:bookworm AS build
COPY scripts/setup scripts/packages.txt /src/scripts/
RUN /src/scripts/setup
COPY . /src
RUN cmake -S /src -B /build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIMS_BUILD_TESTS=OFF \
 && cmake --build /build --target ims-hss ims-scscf ims-as ims-cx

FROM debian:bookworm
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libfdcore6 libfdproto6 libyaml-cpp0.7 libsqlite3-0 libspdlog1.10 libfmt9 libssl3 libpugixml1v5 libjemalloc2 sip-tester \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /build/bin/ /usr/local/bin/
COPY scenarios/ /opt/ims-core/scenarios/
WORKDIR /var/lib/ims
