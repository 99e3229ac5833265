# syntax=docker/dockerfile:1
# The tracker's server as a container: built with the dev dependencies, run on a slim Node 24 image as
# an unprivileged user. The build bundles the packages into dist/, so the runtime installs nothing. Configure it with the variables in README.md
# ("Configuration"); NODE_ENV=production needs MicrosoftAppId and a table store.

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978
WORKDIR /app
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3978
# The slim image has no curl: Node's own fetch asks /healthz, which answers 200 once storage does.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server.js"]
