# The djscratch blog in a container: one file of framework, one of app, waitress.
#   docker build -t djscratch-blog .
#   docker run -p 8000:8000 -v blog-data:/data djscratch-blog
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    BLOG_DB=/data/blog.sqlite3 \
    HOST=0.0.0.0 \
    PORT=8000

# Only the server is installed: djscratch itself needs nothing but Python.
RUN pip install --no-cache-dir waitress==3.0.2 \
    && useradd --create-home --uid 10001 blog \
    && mkdir /data && chown blog:blog /data

WORKDIR /app
COPY djscratch.py blog.py page.txt ./
COPY templates ./templates
COPY static ./static
RUN python -m compileall -q /app

USER blog
VOLUME ["/data"]
EXPOSE 8000
# The check asks for the home page under the first name in ALLOWED_HOSTS (a
# leading dot dropped), so it passes the host check like any real visitor,
# whatever ALLOWED_HOSTS is; the server keeps no host-check exception of its own.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; h = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.'); u.urlopen(u.Request('http://127.0.0.1:8000/', headers={'Host': h if h not in ('', '*') else '127.0.0.1'}), timeout=4)"]

CMD ["python", "blog.py", "--host", "0.0.0.0", "--port", "8000"]
