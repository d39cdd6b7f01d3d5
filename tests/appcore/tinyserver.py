"""Tiny local HTTP(S) servers for the login error paths: a web page that is not Mastodon, and TLS with a
certificate nobody trusts. Bound to 127.0.0.1, port 0."""
from __future__ import annotations

import contextlib
import datetime
import http.server
import ssl
import threading


class _Page(http.server.BaseHTTPRequestHandler):
    body = b"<!doctype html><html><body><h1>My blog</h1></body></html>"
    status = 200

    def do_GET(self):
        self.send_response(self.status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


def html_server(status: int = 200, tls_cert: tuple[str, str] | None = None):
    return _serving(type("Handler", (_Page,), {"status": status}), tls_cert)


def self_signed_cert(directory) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


class _ClosedRegistration(http.server.BaseHTTPRequestHandler):
    """Speaks just enough of the Mastodon API to pass the instance check, then refuses app registration, as
    servers whose admins approve apps by hand do."""

    def _send(self, status: int, body: bytes, kind: str = "application/json"):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/api/v2/instance":
            self._send(200, b'{"domain": "closed.example", "title": "Closed", "version": "4.3.0"}')
        else:
            self._send(404, b'{"error": "Record not found"}')

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._send(403, b'{"error": "This server does not accept new applications"}')

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _serving(handler, tls_cert: tuple[str, str] | None):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    scheme = "http"
    if tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls_cert)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def closed_registration_server(tls_cert: tuple[str, str] | None = None):
    return _serving(_ClosedRegistration, tls_cert)
