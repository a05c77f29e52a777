# Build stage: the extractor compiled to C extensions with mypyc (tools/compile_extractor.py);
# the runtime image needs no compiler, only the extensions it produced.
FROM python:3.11-slim AS extractor
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY tracker/__init__.py tracker/__init__.py
COPY tracker/extraction tracker/extraction
COPY tools/compile_extractor.py tools/compile_extractor.py
RUN python tools/compile_extractor.py && python -c "import tracker.extraction as e; assert e.BUILD == 'mypyc', e.BUILD"

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
COPY --from=extractor /app/tracker/extraction/*.so /app/tracker/extraction/compiled.sha256 tracker/extraction/
RUN useradd --create-home app && chown -R app /app
USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]
