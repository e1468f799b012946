# Production image: gunicorn for the web, the same image for the Celery worker and beat.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PORTAL_ENV=production \
    STATIC_ROOT=/app/static MEDIA_ROOT=/data/media PRIVATE_FILES_ROOT=/data/private
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 graphviz \
      fonts-liberation poppler-utils \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install --no-cache-dir uv && uv pip install --system --no-cache -r requirements.lock
COPY . .
RUN uv pip install --system --no-deps -e . \
 && SECRET_KEY=build-only-key-not-used-at-runtime-0123456789 DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput -v 0
# Bytecode compiled at build: PYTHONDONTWRITEBYTECODE stops each process writing it, so without
# this every worker, migration and Celery process would compile all sources at start-up.
# (compileall exits non-zero for the few test fixtures in packages that are not valid Python.)
RUN python -m compileall -q -j 0 /usr/local/lib/python3.11 /app >/dev/null || true
RUN useradd --system --home /app portal && mkdir -p /data/media /data/private \
    && chown portal /data/media /data/private
USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--chdir", "/app/platform"]
