# Styring in production: gunicorn behind your proxy, PostgreSQL from DATABASE_URL. `styring serve`
# also runs the background worker unless STYRING_TASKS=rq (then run `styring worker` beside it, as
# compose.yaml does).
FROM node:20-bookworm-slim AS frontend
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 STYRING_HOME=/app STYRING_VAR=/data
WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install --no-cache-dir . && useradd --create-home styring && mkdir -p /data && chown styring /data
COPY --from=frontend /app/node_modules ./node_modules
# WeasyPrint (the PDF reports) needs Pango and a font to embed.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    fonts-dejavu-core gettext >/dev/null \
    && STYRING_INSECURE_DEV_KEY=1 styring compilemessages -v0 \
    && apt-get purge -y -qq gettext >/dev/null && rm -rf /var/lib/apt/lists/*
RUN STYRING_INSECURE_DEV_KEY=1 styring collectstatic --noinput && chown -R styring /data
USER styring
EXPOSE 8000
CMD ["sh", "-c", "styring migrate --noinput && styring serve 0.0.0.0:8000"]
