#!/usr/bin/env python3
"""Writes the small PNG fixtures of ConvImagesTests into Sources/ConvTestSupport/Fixtures/images/.

Each PNG is assembled by hand from the PNG specification (W3C PNG 2nd edition): signature,
IHDR, optional PLTE/tRNS, zlib-compressed scanlines with filter byte 0, IEND, CRC-32 per chunk.
No image library is involved, so the tests that decode these files through libpng compare
against pixel values written down here, not against another decoder. The expected 8-bit values
are restated in Tests/ConvImagesTests/PNGDecodingTests.swift.

Run from the package root:  python3 Tests/ConvImagesTests/make_image_fixtures.py
"""
import os
import struct
import zlib

OUT = os.path.join("Sources", "ConvTestSupport", "Fixtures", "images")


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width, height, bit_depth, color_type, rows, plte=None, trns=None, interlace=0, raw=None):
    """rows: list of rows, each a bytes object of packed samples (without filter byte)."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, interlace)
    if raw is None:
        raw = b"".join(b"\x00" + r for r in rows)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    if plte is not None:
        out += chunk(b"PLTE", plte)
    if trns is not None:
        out += chunk(b"tRNS", trns)
    out += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    return out


def pack_bits(values, depth):
    """Packs samples of `depth` bits (1, 2, 4) into bytes, most significant bits first."""
    out, acc, n = bytearray(), 0, 0
    for v in values:
        acc = (acc << depth) | v
        n += depth
        if n == 8:
            out.append(acc)
            acc, n = 0, 0
    if n:
        out.append(acc << (8 - n))
    return bytes(out)


def adam7(width, height, pixel_rows, bytes_per_pixel):
    """The Adam7-interlaced scanline stream of 8-bit pixels (each pass's rows with filter 0)."""
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
    raw = b""
    for x0, y0, dx, dy in passes:
        for y in range(y0, height, dy):
            xs = range(x0, width, dx)
            if not xs:
                continue
            row = b"".join(pixel_rows[y][x * bytes_per_pixel:(x + 1) * bytes_per_pixel] for x in xs)
            raw += b"\x00" + row
    return raw


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {}
    # 3 x 2 grey, 8 bits.
    files["grey8.png"] = png(3, 2, 8, 0, [bytes([0, 128, 255]), bytes([10, 20, 30])])
    # 3 x 2 grey + alpha, 8 bits: grey as above, alpha 255, 0, 128 / 1, 2, 3 (dropped on read).
    files["grey-alpha8.png"] = png(3, 2, 8, 4, [bytes([0, 255, 128, 0, 255, 128]), bytes([10, 1, 20, 2, 30, 3])])
    # 2 x 2 RGB, 8 bits.
    files["rgb8.png"] = png(2, 2, 8, 2, [bytes([255, 0, 0, 0, 255, 0]), bytes([0, 0, 255, 1, 2, 3])])
    # 2 x 2 RGBA, 8 bits; the fully transparent pixel keeps its colour (40, 50, 60).
    files["rgba8.png"] = png(2, 2, 8, 6, [bytes([255, 0, 0, 255, 0, 255, 0, 128]), bytes([40, 50, 60, 0, 7, 8, 9, 255])])
    # 3 x 2 palette, 8-bit indices, 4 entries, entry 1 half transparent (tRNS).
    plte = bytes([0, 0, 0, 200, 100, 50, 255, 255, 255, 12, 34, 56])
    files["palette8.png"] = png(3, 2, 8, 3, [bytes([0, 1, 2]), bytes([3, 2, 1])], plte=plte, trns=bytes([255, 128]))
    # 5 x 1 palette, 2-bit indices (sub-byte packing).
    files["palette2.png"] = png(5, 1, 2, 3, [pack_bits([3, 2, 1, 0, 3], 2)], plte=plte)
    # 10 x 1 grey, 1 bit: 0 -> 0, 1 -> 255.
    files["grey1.png"] = png(10, 1, 1, 0, [pack_bits([1, 0, 1, 1, 0, 0, 1, 0, 1, 1], 1)])
    # 4 x 1 grey, 16 bits big-endian: 0, 65535, 25700 (= 100 x 257), 1000.
    files["grey16.png"] = png(4, 1, 16, 0, [struct.pack(">4H", 0, 65535, 25700, 1000)])
    # 2 x 1 RGB, 16 bits: (65535, 0, 32896), (257, 514, 771).
    files["rgb16.png"] = png(2, 1, 16, 2, [struct.pack(">6H", 65535, 0, 32896, 257, 514, 771)])
    # 9 x 9 grey, Adam7 interlaced: pixel (row, column) = 10 * row + column.
    rows = [bytes(10 * r + c for c in range(9)) for r in range(9)]
    files["interlaced9.png"] = png(9, 9, 8, 0, None, interlace=1, raw=adam7(9, 9, rows, 1))
    # A valid header announcing 100000 x 100000 grey pixels, with a one-row IDAT.
    files["huge-header.png"] = png(100000, 100000, 8, 0, [bytes(1)])
    # A decompression bomb: 4100 x 4100 grey zeros, valid and 16 KB, 16,810,000 samples (over
    # the filter scenes' 2^24), refused from its header before a pixel is inflated.
    files["zeros-4100x4100.png"] = png(4100, 4100, 8, 0, [bytes(4100)] * 4100)
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print(name, len(data), "bytes")


if __name__ == "__main__":
    main()
