"""The seeds' Django streaming approach, as one small Django project, for bench/run.sh.

It follows the range view of seed 004 (the shared seed 004, "How to use
stream response to process video in Django"), which django-sage-streaming (seed 002) packages as
``sage_stream.utils.stream_services.get_streaming_response`` at ``GET /api/stream/?path=<path>``:

- the Range header is matched with the seed's regex ``bytes\\s*=\\s*(\\d+)\\s*-\\s*(\\d*)``
  (re.I, ``match`` at the start, so suffix and multiple ranges fall through to a 200);
- a match answers 206 with a ``StreamingHttpResponse`` over ``file_iterator`` (open, seek,
  read 8192-byte chunks, yield), ``Content-Length``, ``Content-Range: bytes first-last/size`` and
  ``Accept-Ranges: bytes``; the body is capped at 8 MiB (``STREAM_MAX_LOAD_VOLUME = 8``);
- no match answers 200 with ``StreamingHttpResponse(FileWrapper(open(path, 'rb')))``.

One deviation, on by default and switchable: the seed ignores the requested last byte and always
answers ``first + 8 MiB`` (its Safari defect). Comparing that with servers that send 64 KiB per
request would measure 128x the payload, so with ``BENCH_DJANGO_HONOUR_END=1`` (the default) a
requested last byte is honoured (still capped at 8 MiB); ``BENCH_DJANGO_HONOUR_END=0`` gives the
seed's literal behaviour. The seed's per-request WatchLog row (sage-streaming) is not written here,
which favours Django. ``?path=`` is confined to BENCH_MEDIA_ROOT (the seed is not; a bench on
loopback must not serve arbitrary files either).

Run: gunicorn --chdir bench/django benchsite:application (see bench/run.sh).
"""

import mimetypes
import os
import re
from wsgiref.util import FileWrapper

from django.conf import settings

MEDIA_ROOT = os.path.realpath(os.environ.get("BENCH_MEDIA_ROOT", "."))
HONOUR_END = os.environ.get("BENCH_DJANGO_HONOUR_END", "1") == "1"
MAX_LOAD_VOLUME = 8  # MB per response, django-sage-streaming's STREAM_MAX_LOAD_VOLUME default
RANGE_RE = re.compile(r"bytes\s*=\s*(\d+)\s*-\s*(\d*)", re.I)

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only-not-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[],
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    USE_TZ=True,
)

import django  # noqa: E402  (settings first)

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import Http404, StreamingHttpResponse  # noqa: E402
from django.urls import path as url_path  # noqa: E402


def file_iterator(file_name, chunk_size=8192, offset=0, length=None):
    """The seed's generator: seek, then yield chunk_size reads until length bytes are out."""
    with open(file_name, "rb") as f:
        f.seek(offset, os.SEEK_SET)
        remaining = length
        while True:
            bytes_length = chunk_size if remaining is None else min(remaining, chunk_size)
            data = f.read(bytes_length)
            if not data:
                break
            if remaining:
                remaining -= len(data)
            yield data


def stream_video(request):
    """GET /api/stream/?path=<relative path>: the seed's range view."""
    rel = request.GET.get("path", "")
    full = os.path.realpath(os.path.join(MEDIA_ROOT, rel))
    if not full.startswith(MEDIA_ROOT + os.sep) or not os.path.isfile(full):
        raise Http404("no such file")
    range_header = request.META.get("HTTP_RANGE", "").strip()
    range_match = RANGE_RE.match(range_header)
    size = os.path.getsize(full)
    content_type, _ = mimetypes.guess_type(full)
    content_type = content_type or "application/octet-stream"
    if range_match:
        first_byte, last_byte = range_match.groups()
        first_byte = int(first_byte) if first_byte else 0
        cap = first_byte + 1024 * 1024 * MAX_LOAD_VOLUME
        if HONOUR_END and last_byte:
            last_byte = min(int(last_byte), cap)
        else:
            last_byte = cap
        if last_byte >= size:
            last_byte = size - 1
        length = last_byte - first_byte + 1
        resp = StreamingHttpResponse(
            file_iterator(full, offset=first_byte, length=length), status=206, content_type=content_type
        )
        resp["Content-Length"] = str(length)
        resp["Content-Range"] = "bytes %s-%s/%s" % (first_byte, last_byte, size)
    else:
        resp = StreamingHttpResponse(FileWrapper(open(full, "rb")), content_type=content_type)
        resp["Content-Length"] = str(size)
    resp["Accept-Ranges"] = "bytes"
    return resp


urlpatterns = [url_path("api/stream/", stream_video)]
application = get_wsgi_application()
