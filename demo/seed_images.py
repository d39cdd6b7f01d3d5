"""Small pictures for the demo world, made locally: avatars (a head-and-shoulders silhouette on a colour),
headers (a two-colour gradient) and photo-like media (sky, sun, hills, water). Rows are built from runs of
colour rather than pixel by pixel, so a few dozen images cost milliseconds and the seed stays fast."""
from __future__ import annotations

import math
import struct
import zlib


def encode_png(width: int, height: int, rows: list[bytes]) -> bytes:
    """rows: `height` RGB rows of `width * 3` bytes each."""
    raw = b"".join(b"\x00" + row for row in rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def _mix(a, b, t: float) -> bytes:
    return bytes(int(x + (y - x) * t) for x, y in zip(a, b))


def _runs(width: int, runs: list[tuple[int, bytes]]) -> bytes:
    """A row from (start_x, colour) runs, each lasting until the next start."""
    out, pos = [], 0
    for i, (_start, colour) in enumerate(runs):
        end = runs[i + 1][0] if i + 1 < len(runs) else width
        end = max(pos, min(width, int(end)))  # clamped, so every row is exactly `width` pixels
        out.append(colour * (end - pos))
        pos = end
    return b"".join(out)


def avatar(colour: tuple[int, int, int], size: int = 96) -> bytes:
    bg = bytes(colour)
    fg = _mix(colour, (255, 255, 255), 0.75)
    cx, head_y, head_r = size / 2, size * 0.38, size * 0.2
    rows = []
    for y in range(size):
        half = 0.0
        if abs(y - head_y) <= head_r:
            half = math.sqrt(head_r ** 2 - (y - head_y) ** 2)
        elif y > size * 0.66:  # shoulders widen towards the bottom edge
            half = size * 0.18 + (y - size * 0.66) * 0.9
        if half >= 1:
            left, right = int(cx - half), int(cx + half)
            rows.append(_runs(size, [(0, bg), (max(0, left), fg), (min(size, right), bg)]))
        else:
            rows.append(bg * size)
    return encode_png(size, size, rows)


def header(colour: tuple[int, int, int], width: int = 300, height: int = 100) -> bytes:
    dark = _mix(colour, (0, 0, 0), 0.6)
    light = _mix(colour, (255, 255, 255), 0.3)
    return encode_png(width, height, [_mix(light, dark, y / height) * width for y in range(height)])


def landscape(seed: int, width: int = 160, height: int = 100) -> bytes:
    """A photo-like scene whose palette and horizon depend on `seed`: sky gradient, sun, hills, water."""
    palettes = [((250, 170, 90), (90, 60, 120), (40, 70, 50), (30, 50, 90)),
                ((140, 200, 250), (230, 240, 250), (60, 120, 60), (40, 90, 140)),
                ((20, 20, 60), (80, 40, 90), (20, 30, 30), (10, 20, 40)),
                ((250, 220, 180), (250, 140, 100), (120, 90, 60), (70, 110, 130))]
    top, bottom, hill, water = palettes[seed % len(palettes)]
    sun = bytes((255, 240, 200))
    horizon = int(height * (0.55 + (seed % 3) * 0.08))
    sun_x, sun_y, sun_r = width * (0.25 + (seed % 5) * 0.12), horizon * 0.45, height * 0.12
    rows = []
    for y in range(height):
        if y < horizon:
            sky = _mix(top, bottom, y / horizon)
            hill_h = int(horizon - 12 - 8 * math.sin(seed + y / 7))
            runs = [(0, sky)]
            if abs(y - sun_y) < sun_r:
                half = math.sqrt(sun_r ** 2 - (y - sun_y) ** 2)
                runs += [(int(sun_x - half), sun), (int(sun_x + half), sky)]
            if y >= hill_h:  # a hill on the right, rising towards the horizon
                runs = [r for r in runs if r[0] < width * 0.55] + [(int(width * 0.55), bytes(hill))]
            rows.append(_runs(width, runs))
        else:
            shade = _mix(water, (255, 255, 255), 0.15 if (y // 3) % 2 else 0.0)
            rows.append(shade * width)
    return encode_png(width, height, rows)


def emoji(colour: tuple[int, int, int], size: int = 16) -> bytes:
    bg, fg = bytes((0, 0, 0)), bytes(colour)
    rows = []
    r = size / 2 - 1
    for y in range(size):
        d = abs(y + 0.5 - size / 2)
        half = math.sqrt(max(0.0, r * r - d * d))
        rows.append(_runs(size, [(0, bg), (int(size / 2 - half), fg), (int(size / 2 + half), bg)]))
    return encode_png(size, size, rows)
