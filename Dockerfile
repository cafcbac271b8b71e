# syntax=docker/dockerfile:1
# citecheck for users without Python:
#   docker build -t citecheck .
#   docker run --rm -v "$PWD:/data" -w /data --user "$(id -u):$(id -g)" citecheck run report.md
# (--user lets the container write snapshots/ and reports into your folder as you.)
#
# Two stages: the first builds wheels for citecheck and every dependency; the second installs
# them from a bind mount, so neither the wheels nor pip's cache nor a compiler reach the image.

ARG PYTHON_VERSION=3.12

FROM python:${PYTHON_VERSION}-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY citecheck ./citecheck
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:${PYTHON_VERSION}-slim-bookworm
LABEL org.opencontainers.image.title="citecheck" \
      org.opencontainers.image.description="Check, archive and report the web sources a document cites" \
      org.opencontainers.image.source="https://github.com/citecheck/citecheck" \
      org.opencontainers.image.licenses="MIT"
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index --find-links=/wheels /wheels/citecheck-*.whl \
    && useradd --create-home --uid 10001 --user-group citecheck
USER 10001:10001
WORKDIR /data
ENTRYPOINT ["citecheck"]
CMD ["--help"]
