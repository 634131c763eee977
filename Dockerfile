# OSS Pulse worker image. `docker compose up -d` builds and runs it (see
# docker-compose.yml); on its own:
#   docker build -t oss-pulse .
#   docker run --init -e DATABASE_URL=... -e REDIS_URL=... -e GITHUB_TOKEN oss-pulse
#   docker run --init --rm -e DATABASE_URL=... oss-pulse status       # any other command
# Config: mount a file at /app/oss-pulse.yaml (found from the working directory),
# or anywhere and name it with OSS_PULSE_CONFIG; without one the built-in
# watchlist applies. Tokens come only from the environment, never from this image.

# Build stage: every dependency (TypeScript among them) and the sources, compiled
# into dist/. Only dist/ leaves this stage.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the code is here; it is built below.
RUN npm ci --ignore-scripts --no-audit --no-fund
# `.` is only what the build needs (bin, cli, web, workers, alerts, runtime, reports, config, jobs, schema, the
# tsconfig files), as .dockerignore lists it.
COPY . .
RUN npm run build

# The image: plain JavaScript and the production dependencies, no TypeScript, no tsx.
FROM node:20-bookworm-slim

ENV NODE_ENV=production
WORKDIR /app

# Dependencies first, so editing the code does not reinstall them. --ignore-scripts:
# `prepare` would build, without TypeScript; the build comes from the stage above
# (no production dependency needs an install script: msgpackr's native part ships
# prebuilt).
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# Then the code: the compiled CLI (with the SQL migrations and the package.json it
# reads) and the shim that starts it, which runs dist/ as there are no sources here.
COPY --from=build /app/dist ./dist
COPY bin ./bin

# The code stays root-owned and read-only to the process; /app itself belongs to
# `node` so the defaults that write beside it work (./.oss-pulse/db without a
# DATABASE_URL, ./oss-pulse-reports for `report`).
# The reports folder exists and is node's, so a volume mounted there (compose's
# `reports`, shared by the worker and the dashboard) starts writable by the process.
RUN chown node:node /app && mkdir /app/oss-pulse-reports && chown node:node /app/oss-pulse-reports
USER node

# Prometheus /metrics and /healthz; the worker serves them when this is set, on
# 127.0.0.1 unless told: inside the container, the container's own network is the edge.
ENV OSS_PULSE_METRICS_PORT=9464
ENV OSS_PULSE_METRICS_HOST=0.0.0.0
EXPOSE 9464

# `worker` finishes or releases its active jobs on SIGTERM and exits 0 within 30 s;
# give it that long (`docker stop -t 40`, compose's stop_grace_period: 40s).
STOPSIGNAL SIGTERM

# Slim images have no curl: ask /healthz with Node's own fetch (200 healthy, 503 not).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.OSS_PULSE_METRICS_PORT || 9464) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["node", "bin/oss-pulse.js"]
CMD ["worker", "--schedule"]
